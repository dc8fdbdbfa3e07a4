"""Engine set-up, migrations and the database CLI commands."""

from __future__ import annotations

from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from sqlalchemy import func, text
from sqlmodel import Session, SQLModel, select

from directory import create_app
from directory.db import get_engine, make_engine, upgrade_database
from directory.models import Group


def test_migrations_build_exactly_the_models_schema(app):
    engine = get_engine(app)
    with engine.begin() as connection:
        if connection.dialect.name == "postgresql":
            connection.execute(text("DROP SCHEMA public CASCADE"))
            connection.execute(text("CREATE SCHEMA public"))
        else:
            SQLModel.metadata.drop_all(connection)
    upgrade_database(engine)
    with engine.connect() as connection:
        diff = compare_metadata(MigrationContext.configure(connection), SQLModel.metadata)
    assert diff == []


def test_sqlite_file_database_uses_wal_and_foreign_keys(tmp_path):
    engine = make_engine(f"sqlite:///{tmp_path}/circles.db")
    with engine.connect() as connection:
        assert connection.execute(text("PRAGMA journal_mode")).scalar() == "wal"
        assert connection.execute(text("PRAGMA foreign_keys")).scalar() == 1
    engine.dispose()


def test_default_database_is_a_file_under_instance(monkeypatch):
    monkeypatch.delenv("DATABASE_URL", raising=False)
    app = create_app({"TESTING": True})
    assert app.config["DATABASE_URL"].startswith("sqlite:///")
    assert app.config["DATABASE_URL"].endswith("/instance/circles.db")


def test_app_refuses_to_start_in_production_without_secret_key(monkeypatch):
    monkeypatch.delenv("SECRET_KEY", raising=False)
    monkeypatch.setenv("CIRCLES_ENV", "production")
    try:
        create_app({"DATABASE_URL": "sqlite://"})
    except RuntimeError as exc:
        assert "SECRET_KEY" in str(exc)
    else:
        raise AssertionError("create_app started without a SECRET_KEY")


def test_import_command_loads_a_file_and_reports(runner, app, tmp_path):
    path = tmp_path / "groups.csv"
    path.write_text(
        "group_slug,group_name,topics,format,cost,weekday,start_time,timezone,online_url\n"
        "dawn-check-in,Dawn Check-In,stress,online,free,mon,07:00,Europe/London,"
        "https://meet.example.org/dawn\n",
        encoding="utf-8",
    )
    result = runner.invoke(args=["import", str(path)])
    assert result.exit_code == 0, result.output
    assert "1 created" in result.output
    again = runner.invoke(args=["import", str(path)])
    assert "0 created, 0 updated, 1 unchanged" in again.output


def test_import_command_exits_1_naming_row_and_field(runner, app, tmp_path):
    path = tmp_path / "bad.csv"
    path.write_text(
        "group_slug,group_name,topics,format,cost,weekday,start_time,timezone,online_url\n"
        "dawn-check-in,Dawn Check-In,stress,online,free,mon,25:00,Europe/London,"
        "https://meet.example.org/dawn\n",
        encoding="utf-8",
    )
    result = runner.invoke(args=["import", str(path)])
    assert result.exit_code == 1
    assert "bad.csv, line 2, field 'start_time'" in result.output
    assert "Nothing was imported" in result.output
    with Session(get_engine(app)) as session:
        assert session.exec(select(func.count()).select_from(Group)).one() == 0


def test_import_command_rejects_a_file_that_is_not_utf8(runner, app, tmp_path):
    path = tmp_path / "latin1.csv"
    path.write_bytes("group_slug,group_name\ncaf\xe9,Caf\xe9\n".encode("latin-1"))
    result = runner.invoke(args=["import", str(path)])
    assert result.exit_code == 1
    assert "not UTF-8" in result.output


def test_export_command_writes_csv_to_stdout_or_a_file(runner, app, make_group, tmp_path):
    make_group(slug="harbor-lane-circle", name="Harbor Lane Circle")
    result = runner.invoke(args=["export", "--format", "csv"])
    assert result.exit_code == 0
    assert result.output.splitlines()[0].startswith("group_slug,group_name,")
    assert "harbor-lane-circle" in result.output
    out = tmp_path / "export.csv"
    result = runner.invoke(args=["export", "--format", "csv", "-o", str(out)])
    assert result.exit_code == 0
    assert "harbor-lane-circle" in out.read_text(encoding="utf-8")


def test_a_bulk_import_brings_the_planner_statistics_up_to_date(runner, app, tmp_path,
                                                                monkeypatch):
    """After an import of many listings, PostgreSQL's statistics count the new rows (the
    planner no longer plans for empty tables: directory/planner.py); a small import does not
    analyze; SQLite is left alone."""
    import directory.planner as planner

    engine = get_engine(app)

    def planned_groups() -> float:
        with engine.connect() as connection:
            return connection.execute(text(
                "SELECT reltuples FROM pg_class WHERE relname = 'support_group'")).scalar()

    header = "group_slug,group_name,topics,format,cost,weekday,start_time,timezone,online_url\n"
    row = ("circle-{i},Dawn Circle {i},stress,online,free,mon,07:00,Europe/London,"
           "https://meet.example.org/{i}\n")
    monkeypatch.setattr(planner, "ANALYZE_AFTER", 3)
    small = tmp_path / "small.csv"
    small.write_text(header + "".join(row.format(i=i) for i in range(2)), encoding="utf-8")
    assert runner.invoke(args=["import", str(small)]).exit_code == 0
    bulk = tmp_path / "bulk.csv"
    bulk.write_text(header + "".join(row.format(i=i) for i in range(2, 7)), encoding="utf-8")
    if engine.dialect.name != "postgresql":
        assert not planner.analyze_after_bulk_write(engine, 1_000)
        return
    assert planned_groups() < 2  # never analyzed (-1), or counted before these imports
    result = runner.invoke(args=["import", str(bulk)])
    assert result.exit_code == 0, result.output
    assert planned_groups() == 7
