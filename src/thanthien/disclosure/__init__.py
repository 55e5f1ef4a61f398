"""Disclosure and dissemination (plan II.1, II.3; Law 10/2022/QH15): the disclosure register, budgets in
numbers, notices and loudspeaker schedules, subscriptions, village conventions, the search box."""
