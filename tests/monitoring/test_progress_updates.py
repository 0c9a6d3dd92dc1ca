"""Progress updates: one append-only table; a correction is a new update."""

import datetime as dt

import pytest
from django.core.files.base import ContentFile

from actionplan.monitoring import services
from actionplan.monitoring.models import Evidence
from actionplan.monitoring.services import InvalidTransition, Link, MonitoringError
from actionplan.plans.models import AppendOnlyError, ProgressRecord
from support.monitoring import D, at

pytestmark = pytest.mark.django_db


def update(action, user, **kwargs):
    values = {"status": "on_track", "narrative": "Audit booked", "at": at(2013, 1, 7)} | kwargs
    return services.record_update(action, user=user, **values)


def test_an_update_records_status_narrative_next_steps_author_and_dates(action, people):
    record = update(
        action,
        people.officer,
        percent_complete=40,
        next_steps="Audit in February",
        as_at=D(2012, 12, 31),
    )

    assert (record.status, record.percent_complete, record.source) == ("on_track", 40, "update")
    assert (record.text, record.next_steps) == ("Audit booked", "Audit in February")
    assert record.author == people.officer
    assert record.as_at == D(2012, 12, 31)
    assert record.created_at == at(2013, 1, 7)


def test_an_update_speaks_for_the_day_it_is_written_unless_told_otherwise(action, people):
    assert update(action, people.officer).as_at == D(2013, 1, 7)


def test_imported_and_entered_updates_share_one_table(action, people):
    update(action, people.officer)
    ProgressRecord.objects.create(action=action, status="at_risk", text="From the document")

    assert set(action.progress.values_list("source", flat=True)) == {"update", "import"}


def test_an_update_cannot_be_changed_or_deleted(action, people):
    record = update(action, people.officer)
    record.text = "Something else"

    with pytest.raises(AppendOnlyError):
        record.save()
    with pytest.raises(AppendOnlyError):
        record.delete()
    with pytest.raises(AppendOnlyError):
        ProgressRecord.objects.filter(pk=record.pk).update(text="x")
    with pytest.raises(AppendOnlyError):
        ProgressRecord.objects.filter(pk=record.pk).delete()
    assert ProgressRecord.objects.get(pk=record.pk).text == "Audit booked"


def test_a_correction_is_a_new_update_and_the_first_is_kept(action, people):
    first = update(
        action, people.officer, status="at_risk", as_at=D(2013, 1, 31), at=at(2013, 2, 1)
    )
    update(
        action,
        people.officer,
        narrative="Correction: on track",
        as_at=D(2013, 1, 31),
        at=at(2013, 2, 2),
    )

    assert services.current_status(action) == "on_track"
    assert ProgressRecord.objects.get(pk=first.pk).status == "at_risk"
    assert action.progress.count() == 2


def test_the_latest_update_is_the_one_for_the_latest_date_not_the_last_written(action, people):
    update(action, people.officer, status="off_track", as_at=D(2013, 3, 31), at=at(2013, 4, 2))
    update(action, people.officer, status="on_track", as_at=D(2013, 2, 28), at=at(2013, 4, 3))

    assert services.current_status(action) == "off_track"


def test_evidence_files_and_links_are_kept_with_the_update(action, people):
    record = update(
        action,
        people.officer,
        files=[ContentFile(b"%PDF-1.4 audit", name="audit report.pdf")],
        links=[Link("https://intranet.example.gov.uk/audit", "Audit summary")],
    )

    files, links = (list(record.evidence.exclude(file="")), list(record.evidence.filter(file="")))
    assert files[0].title == "audit report.pdf"
    assert files[0].file.read() == b"%PDF-1.4 audit"
    assert files[0].file.name.startswith(f"evidence/{action.pk}/")
    assert (links[0].url, links[0].title) == (
        "https://intranet.example.gov.uk/audit",
        "Audit summary",
    )
    with pytest.raises(AppendOnlyError):
        Evidence.objects.filter(update=record).delete()


@pytest.mark.parametrize(
    ("kwargs", "field"),
    [
        ({"status": "done"}, "status"),
        ({"status": "complete"}, "status"),
        ({"narrative": "  "}, "narrative"),
        ({"percent_complete": 101}, "percent_complete"),
        ({"as_at": D(2013, 1, 8)}, "as_at"),
        ({"files": [ContentFile(b"MZ", name="tool.exe")]}, "files"),
        ({"links": [Link("javascript:alert(1)")]}, "links"),
    ],
)
def test_an_update_that_makes_no_sense_is_refused_naming_the_field(action, people, kwargs, field):
    with pytest.raises(MonitoringError) as refused:
        update(action, people.officer, **kwargs)

    assert refused.value.field == field
    assert not action.progress.exists()


def test_marking_an_update_complete_points_to_proposing_completion(action, people):
    with pytest.raises(MonitoringError, match="propose its completion"):
        update(action, people.officer, status="completed_awaiting_sign_off")


def test_an_update_can_say_which_milestones_were_met(action, people):
    milestone = action.milestones.get()

    update(
        action, people.officer, milestones_done={milestone.pk: D(2013, 2, 20)}, at=at(2013, 2, 21)
    )

    milestone.refresh_from_db()
    assert milestone.done_on == D(2013, 2, 20)
    assert milestone.history.first().history_user == people.officer


def test_a_milestone_of_another_action_cannot_be_marked_met(action, people, plan):
    other = plan.recommendations.get().actions.exclude(pk=action.pk).first().milestones.get()

    with pytest.raises(MonitoringError, match="not one of this action's"):
        update(action, people.officer, milestones_done={other.pk: D(2013, 1, 2)})
    assert not action.progress.exists()


def test_a_retired_action_takes_no_more_updates(action, people):
    action.retired = True
    action.save()

    with pytest.raises(InvalidTransition, match="left the plan"):
        update(action, people.officer)


def test_the_evidence_size_is_limited(action, people, settings):
    settings.IMPORT_MAX_BYTES = 10

    with pytest.raises(MonitoringError, match="must be smaller than 1 MB"):
        update(action, people.officer, files=[ContentFile(b"x" * 11, name="big.pdf")])
    # At the limit: the same as every other upload's (core.uploads.too_large).
    update(action, people.officer, files=[ContentFile(b"x" * 10, name="small.pdf")])


def test_the_day_an_update_is_written_is_the_service_time_zone_day(action, people):
    late_evening = dt.datetime(2013, 1, 7, 23, 30, tzinfo=dt.UTC)  # 23:30 GMT is still the 7th

    assert update(action, people.officer, at=late_evening).as_at == D(2013, 1, 7)
