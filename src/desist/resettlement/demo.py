"""Demo seeder placeholder (filled in below)."""


def seed(today):
    return "resettlement: nothing seeded"
