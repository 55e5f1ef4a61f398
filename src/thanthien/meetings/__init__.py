"""Meetings (plan III.3, III.5): the launch, trainings, dialogue conferences with questions beforehand,
minutes and the commitments made there, followed to the end; registration and check-in."""
