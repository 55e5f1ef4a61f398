from django.urls import path

from . import views
from .feeds import UnitFeed

urlpatterns = [
    path("disclosure/", views.search_view, name="disclosure_list"),
    path("disclosure/new/", views.disclosure_new, name="disclosure_new"),
    path("disclosure/compliance/", views.compliance_view, name="disclosure_compliance"),
    path("disclosure/<int:pk>/", views.disclosure_detail, name="disclosure_detail"),
    path(
        "disclosure/<int:pk>/table.<str:fmt>",
        views.disclosure_table_download,
        name="disclosure_table_download",
    ),
    path("disclosure/<int:pk>/files/<int:file_pk>/", views.disclosure_file, name="disclosure_file"),
    path("disclosure/<int:pk>/ask/", views.disclosure_ask, name="disclosure_ask"),
    path("disclosure/<int:pk>/edit/", views.disclosure_edit, name="disclosure_edit"),
    path("disclosure/<int:pk>/import/", views.disclosure_import, name="disclosure_import"),
    path("disclosure/<int:pk>/lines/", views.disclosure_lines, name="disclosure_lines"),
    path("disclosure/<int:pk>/posting/", views.disclosure_posting, name="disclosure_posting"),
    path("disclosure/<int:pk>/attach/", views.disclosure_files, name="disclosure_attach"),
    path(
        "disclosure/<int:pk>/postings/<int:posting_pk>/photo/",
        views.posting_photo,
        name="disclosure_posting_photo",
    ),
    path("disclosure/feed/<int:unit>/", UnitFeed(), name="disclosure_feed"),
    path(
        "disclosure/feed/<int:unit>/<slug:category>/", UnitFeed(), name="disclosure_feed_category"
    ),
    path("notices/", views.search_view, {"kind": "notice"}, name="notice_list"),
    path("notices/new/", views.notice_new, name="notice_new"),
    path("notices/subscribe/", views.subscribe_view, name="notice_subscribe"),
    path("notices/unsubscribe/<uuid:token>/", views.unsubscribe_view, name="notice_unsubscribe"),
    path("notices/<int:pk>/", views.notice_detail, name="notice_detail"),
    path("notices/<int:pk>/print/", views.notice_print, name="notice_print"),
    path("notices/<int:pk>/notice.<str:fmt>", views.notice_document, name="notice_document"),
    path("notices/<int:pk>/files/<int:file_pk>/", views.notice_file, name="notice_file"),
    path("conventions/", views.convention_list, name="convention_list"),
    path("conventions/new/", views.convention_new, name="convention_new"),
    path("conventions/<int:pk>/", views.convention_detail, name="convention_detail"),
    path("conventions/<int:pk>/change/", views.convention_change, name="convention_change"),
]
