"""People take part (plan II.2, II.3, II.5): consultations on drafts, village decisions and their votes,
campaigns with pledges and contributions, the Fatherland Front's supervision and social criticism."""
