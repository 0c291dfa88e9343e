"""The German spouse pathway (AufenthG §30(1), §29, §5 with their exceptions) written for
OpenFisca, evaluated vectorised on the people the Rust bench generated (CSV).

Mirrors packs/de/pathways/spouse.yaml for fully known facts: each condition holds, or a
waiver lifts it to the waiver's strength, and the outcome is the weakest condition
(3 = eligible, 1 = discretionary, 0 = not eligible). Prints the throughput and the counts,
which must equal the Rust counts.

Usage: python openfisca_spouse.py PEOPLE.csv
"""

import datetime
import sys
import time

import numpy as np
from openfisca_core.entities import build_entity
from openfisca_core.periods import ETERNITY, DAY
from openfisca_core.simulation_builder import SimulationBuilder
from openfisca_core.taxbenefitsystems import TaxBenefitSystem
from openfisca_core.variables import Variable

AS_OF = datetime.date(2026, 1, 15)
TITLES = ["settlement_permit", "eu_long_term", "blue_card", "ict_card", "researcher", "skilled_worker", "student",
          "refugee", "asylum", "resettled", "subsidiary_protection", "other_residence_permit", "none"]
NATIONALITIES = ["SYR", "AFG", "TUR", "IRQ", "USA", "CAN"]
T = {name: index for index, name in enumerate(TITLES)}
DIRECT = [T[t] for t in ["settlement_permit", "eu_long_term", "researcher", "refugee", "asylum", "blue_card", "ict_card"]]
GENERAL = [T[t] for t in ["skilled_worker", "student", "resettled", "other_residence_permit"]]
PRIVILEGED = [T[t] for t in ["refugee", "asylum", "resettled"]]
LANGUAGE_EXEMPT = [T[t] for t in ["researcher", "ict_card"]]
VISA_FREE = [NATIONALITIES.index(n) for n in ["USA", "CAN"]]  # of the generated nationalities
NEED_PARTNER = 506  # Regelbedarfsstufe 2 in 2026
SPACE_PER_PERSON = 12

Person = build_entity(key="person", plural="persons", label="Person", is_person=True)

INPUTS = {
    "applicant_birth": "date", "german_level": int, "illness": bool, "low_need": bool, "unreasonable": bool,
    "married_before_move": bool, "married_before_title": bool, "identity": bool, "passport": bool,
    "expulsion": bool, "sponsor_birth": "date", "title": int, "title_held_months": int, "expected_stay": bool,
    "nationality": int, "other_spouse": bool, "recognition_date": "date", "net_income": float,
    "housing_cost": float, "living_space": float, "health_insurance": bool, "age_hardship": bool,
    "application_date": "date", "sponsor_applied_in_time": bool, "family_elsewhere": bool,
}


def input_variable(name, kind):
    value_type = datetime.date if kind == "date" else kind
    return type(name, (Variable,), {"value_type": value_type, "entity": Person, "definition_period": ETERNITY,
                                    "label": name})


def age(birth, on):
    year = birth.astype("datetime64[Y]").astype(int) + 1970
    month = birth.astype("datetime64[M]").astype(int) % 12 + 1
    day = (birth - birth.astype("datetime64[M]")).astype(int) + 1
    before_birthday = (month > on.month) | ((month == on.month) & (day > on.day))
    return on.year - year - before_birthday


def add_months(dates, months):
    month_start = dates.astype("datetime64[M]") + months
    return month_start.astype("datetime64[D]") + (dates - dates.astype("datetime64[M]"))  # days 1..28 only


class spouse_outcome(Variable):
    value_type = int
    entity = Person
    definition_period = DAY
    label = "Outcome of AufenthG §30(1) for the spouse (3 eligible, 1 discretionary, 0 not eligible)"
    reference = "https://www.gesetze-im-internet.de/aufenthg_2004/__30.html"

    def formula(person, period, parameters):
        on = period.start.date
        title = person("title", period)
        privileged = np.isin(title, PRIVILEGED)
        blue_card = title == T["blue_card"]
        eligible, discretionary = np.int64(3), np.int64(1)

        def level(holds, *waivers):
            result = np.where(holds, eligible, 0)
            for fires, strength in waivers:
                result = np.maximum(result, np.where(fires, strength, 0))
            return result

        sponsor_title = (np.isin(title, DIRECT)
                         | (np.isin(title, GENERAL) & (person("title_held_months", period) >= 24))
                         | (np.isin(title, GENERAL) & person("married_before_title", period) & person("expected_stay", period)))
        adult = (age(person("applicant_birth", period), on) >= 18) & (age(person("sponsor_birth", period), on) >= 18)
        a1 = person("german_level", period) >= 1
        a1_exempt = ((privileged & person("married_before_move", period)) | person("illness", period)
                     | person("low_need", period) | np.isin(person("nationality", period), VISA_FREE)
                     | np.isin(title, LANGUAGE_EXEMPT) | person("unreasonable", period))
        within_window = ((person("application_date", period) <= add_months(person("recognition_date", period), 3))
                         | person("sponsor_applied_in_time", period))
        window = privileged & within_window & ~person("family_elsewhere", period)
        space = person("living_space", period) >= 2 * SPACE_PER_PERSON
        means = person("net_income", period) >= 2 * NEED_PARTNER + person("housing_cost", period)
        levels = [
            level(sponsor_title),
            level(~person("other_spouse", period)),
            level(adult, (blue_card, eligible), (person("age_hardship", period), discretionary)),
            level(a1, (blue_card, eligible), (a1_exempt, eligible)),
            level(space, (window, eligible), (privileged, discretionary)),
            level(means, (window, eligible), (privileged, discretionary)),
            level(person("health_insurance", period)),
            level(person("identity", period) & person("passport", period)),
            level(~person("expulsion", period)),
        ]
        return np.minimum.reduce(levels)


def load_columns(path):
    """Reads the CSV written by the Rust bench: whole numbers only, dates as day numbers."""
    with open(path) as file:
        header = file.readline().strip().split(",")
    raw = np.loadtxt(path, delimiter=",", skiprows=1, dtype=np.int64)
    columns = {}
    for index, name in enumerate(header):
        kind = INPUTS[name]
        column = raw[:, index]
        if kind == "date":
            columns[name] = column.astype("datetime64[D]")
        elif kind is bool:
            columns[name] = column == 1
        else:
            columns[name] = column.astype(kind)
    return columns


def main():
    columns = load_columns(sys.argv[1])
    count = len(next(iter(columns.values())))
    system = TaxBenefitSystem([Person])
    for name, kind in INPUTS.items():
        system.add_variable(input_variable(name, kind))
    system.add_variable(spouse_outcome)

    start = time.perf_counter()
    cpu_start = time.thread_time()
    simulation = SimulationBuilder().build_default_simulation(system, count)
    for name, values in columns.items():
        simulation.set_input(name, "ETERNITY", values)
    outcomes = simulation.calculate("spouse_outcome", AS_OF.isoformat())
    wall = time.perf_counter() - start
    seconds = time.thread_time() - cpu_start

    print(f"openfisca: {count} people in {seconds:.3f} s CPU ({wall:.3f} s wall) = {count / seconds:.0f} people/s per core "
          f"({seconds * 1e9 / count:.0f} ns/person)")
    print(f"openfisca outcomes: eligible={int((outcomes == 3).sum())} discretionary={int((outcomes == 1).sum())} "
          f"not_eligible={int((outcomes == 0).sum())} undetermined=0")


if __name__ == "__main__":
    main()
