"""Django's number and date formats for Vietnamese, with thousands grouped where a template asks for it
(Django's own ``vi`` formats have no grouping); selected by ``FORMAT_MODULE_PATH``."""
