"""Indicator values from a CSV file: all rows or none, errors naming row and column."""

import datetime as dt
from decimal import Decimal

import pytest

from actionplan.indicators.models import Indicator, IndicatorValue
from actionplan.indicators.services import ERRORS_LISTED, ValueImportError, import_values_csv
from actionplan.plans.services import store_plan

pytestmark = pytest.mark.django_db


@pytest.fixture
def plan(plan_doc):
    return store_plan(plan_doc).plan


@pytest.fixture
def referrals(plan):
    return Indicator.objects.create(plan=plan, name="Advocacy referrals", unit="count")


@pytest.fixture
def reviews(plan):
    return Indicator.objects.create(plan=plan, name="CiN plans reviewed", unit="percent")


def write(tmp_path, text: str, encoding="utf-8"):
    path = tmp_path / "values.csv"
    path.write_bytes(text.encode(encoding))
    return path


def test_values_are_imported_by_indicator_name_or_id(tmp_path, referrals, reviews):
    path = write(
        tmp_path,
        "Indicator,Period start,Period end,Value,Numerator,Denominator,Note\n"
        "advocacy referrals,01/10/2012,31/12/2012,52,,,Q3\n"
        f"{reviews.pk},,2013-01-31,,160,221,\n"
        f"{reviews.pk},,2013-02-28,79.9%,,,from the report\n",
    )

    result = import_values_csv(path)

    assert (result.created, result.updated) == (3, 0)
    q3 = referrals.values.get()
    assert (q3.period_start, q3.period_end, q3.value, q3.note, q3.source) == (
        dt.date(2012, 10, 1),
        dt.date(2012, 12, 31),
        Decimal(52),
        "Q3",
        "csv",
    )
    january, february = reviews.values.all()
    assert january.value == Decimal("72.398190")  # 160 of 221, as a percentage
    assert (january.numerator, january.denominator) == (160, 221)
    assert february.value == Decimal("79.9")


def test_importing_a_period_again_updates_its_value(tmp_path, referrals):
    import_values_csv(write(tmp_path, "indicator,as at,value\nAdvocacy referrals,31/12/2012,50\n"))

    result = import_values_csv(
        write(tmp_path, "indicator,as at,value\nAdvocacy referrals,31/12/2012,52\n")
    )

    assert (result.created, result.updated) == (0, 1)
    assert referrals.values.get().value == 52


def test_every_error_names_its_row_and_column_and_nothing_is_imported(tmp_path, referrals):
    path = write(
        tmp_path,
        "indicator,period end,value,numerator\n"
        "Advocacy referrals,31/12/2012,52,\n"  # fine, but not imported
        "Advocacy referals,31/12/2012,52,\n"
        "Advocacy referrals,31/02/2013,52,\n"
        "Advocacy referrals,31/03/2013,lots,\n"
        "Advocacy referrals,30/04/2013,,\n"
        "Advocacy referrals,31/12/2012,53,\n",
    )

    with pytest.raises(ValueImportError) as error:
        import_values_csv(path)

    assert str(error.value) == (
        f"{path}: row 3, column 'indicator': no indicator has that name; "
        "row 4, column 'period_end': not a date (DD/MM/YYYY or YYYY-MM-DD); "
        "row 5, column 'value': not a number; "
        "row 6, column 'value': no value, and no numerator to make one from; "
        "row 7: the same indicator and period as row 2; nothing imported"
    )
    assert not IndicatorValue.objects.exists()


def test_a_long_list_of_errors_is_cut_short(tmp_path, referrals):
    rows = "".join(f"Advocacy referrals,{day}/13/2012,1\n" for day in range(1, 9))

    with pytest.raises(ValueImportError, match=r"\(and 3 more\); nothing imported$"):
        import_values_csv(write(tmp_path, "indicator,period end,value\n" + rows))


def test_a_file_of_thousands_of_errors_lists_the_first_hundred_and_counts_them_all(
    tmp_path, referrals
):
    rows = "".join(f"Advocacy referrals,{n}/13/2012,1\n" for n in range(5000))

    with pytest.raises(ValueImportError) as error:
        import_values_csv(write(tmp_path, "indicator,period end,value\n" + rows))

    assert error.value.total == 5000
    assert len(error.value.errors) == ERRORS_LISTED == 100
    assert error.value.errors[-1] == (
        "row 101, column 'period_end': not a date (DD/MM/YYYY or YYYY-MM-DD)"
    )
    assert str(error.value).endswith("(and 4,995 more); nothing imported")


def test_no_error_quotes_a_cell_so_a_child_id_in_the_wrong_file_goes_nowhere(tmp_path, referrals):
    """An Annex A list uploaded as values by mistake: its ids are in every column."""
    child = "SYN0001234"
    rows = f"{child},{child},{child},{child},{child},{child}\n" * 3
    header = "indicator,period start,period end,value,numerator,denominator\n"

    with pytest.raises(ValueImportError) as error:
        import_values_csv(write(tmp_path, header + rows), today=dt.date(2013, 3, 31))

    assert error.value.total == 18
    assert child not in str(error.value) + "".join(error.value.errors)


def test_a_file_without_the_columns_it_needs_is_refused(tmp_path, referrals):
    with pytest.raises(ValueImportError, match="row 1: no column for period_end, value"):
        import_values_csv(write(tmp_path, "indicator,comment\nAdvocacy referrals,x\n"))


def test_a_name_shared_by_two_plans_needs_the_plan(tmp_path, plan, referrals, plan_doc):
    plan_doc.plan.title = "Another plan"
    other = store_plan(plan_doc).plan
    Indicator.objects.create(plan=other, name="Advocacy referrals", unit="count")
    path = write(tmp_path, "indicator,period end,value\nAdvocacy referrals,31/12/2012,52\n")

    with pytest.raises(ValueImportError, match="more than one indicator has that name"):
        import_values_csv(path)
    import_values_csv(path, plan=plan)

    assert referrals.values.get().value == 52


def test_a_windows_1252_file_is_read(tmp_path, plan):
    Indicator.objects.create(plan=plan, name="Children’s views recorded")

    import_values_csv(
        write(
            tmp_path,
            "indicator,period end,value\nChildren’s views recorded,31/01/2013,57\n",
            "cp1252",
        )
    )

    assert IndicatorValue.objects.get().value == 57


def test_an_indicator_cell_of_digits_that_are_not_an_id_is_a_row_error(tmp_path, referrals):
    # '²'.isdigit() is true, but it is no id; nor is a number too long for a database id.
    path = write(
        tmp_path,
        "indicator,period end,value\n²,31/12/2012,1\n99999999999999999999999,31/12/2012,1\n",
    )

    with pytest.raises(ValueImportError) as error:
        import_values_csv(path)

    assert error.value.errors == [
        "row 2, column 'indicator': no indicator has that name",
        "row 3, column 'indicator': no indicator has that id",
    ]


def test_a_number_the_value_columns_cannot_hold_is_a_row_error(tmp_path, referrals, reviews):
    # SQLite would store 1e30 and then fail every read of the row: the pages would be 500s.
    path = write(
        tmp_path,
        "indicator,period end,value,numerator,denominator\n"
        "Advocacy referrals,31/10/2012,1e30,,\n"
        "Advocacy referrals,30/11/2012,1E+30,,\n"
        "Advocacy referrals,31/12/2012,100000000000000,,\n"
        "Advocacy referrals,31/01/2013,0.0000001,,\n"
        f"{reviews.pk},31/01/2013,,99999999999999,0.000001\n"  # a percentage of 1e22
        "Advocacy referrals,28/02/2013,99999999999999.999999,,\n",  # the largest: fine
    )

    with pytest.raises(ValueImportError) as error:
        import_values_csv(path)

    too_large = (
        "the number has more than 14 digits before the decimal point: "
        "the largest number is 99,999,999,999,999.999999"
    )
    assert error.value.errors == [
        f"row 2, column 'value': {too_large}",
        f"row 3, column 'value': {too_large}",
        f"row 4, column 'value': {too_large}",
        "row 5, column 'value': the number has more than 6 decimal places",
        "row 6, column 'value': the value worked out from the numerator and denominator: the "
        "value has more than 14 digits before the decimal point",
    ]
    assert not IndicatorValue.objects.exists()


def test_a_period_that_ends_in_the_future_is_a_row_error(tmp_path, referrals):
    path = write(
        tmp_path,
        "indicator,period end,value\nAdvocacy referrals,31/03/2013,5\n"
        "Advocacy referrals,01/04/2013,5\n",
    )

    with pytest.raises(ValueImportError) as error:
        import_values_csv(path, today=dt.date(2013, 3, 31))

    assert error.value.errors == [
        "row 3, column 'period_end': the period ends in the future: a period must have ended"
    ]
    assert import_values_csv(path, today=dt.date(2013, 4, 1)).created == 2
