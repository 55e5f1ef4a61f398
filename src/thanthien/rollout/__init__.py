"""The rollout of the model (plan III.1–III.6, IV, V): plans as data, survey and selection of units,
milestones and tasks, support budget, inspections, interim and final reviews, emulation and awards."""
