"""The figures of a consolidated report in words and tables, from its frozen statistics: the sentences of
section I, the table by agency (the same rows as the annex's summary sheet) and the overdue list.

Every sentence is whole whatever the data: a rate that cannot be computed gets a sentence of its own.
"""

from datetime import date

from tasks.timeliness import Status, Timeliness

ANNEX_REFERENCE = "chi tiết tại Phụ lục kèm theo"
AGENCY_TABLE_HEADER = [
    "STT",
    "Cơ quan, đơn vị",
    "Được giao",
    "Hoàn thành đúng hạn",
    "Hoàn thành quá hạn",
    "Quá hạn chưa hoàn thành",
    "Đang thực hiện",
    "Thường xuyên",
    "Tỷ lệ đúng hạn (%)",
    "Xếp hạng",
]
NO_RATE = "Đến thời điểm chốt số liệu chưa có nhiệm vụ đến hạn, nên chưa tính tỷ lệ hoàn thành đúng hạn."
OVERDUE_LIMIT = 30


def day_text(value: str | date | None) -> str:
    if not value:
        return ""
    day = date.fromisoformat(value) if isinstance(value, str) else value
    return day.strftime("%d/%m/%Y")


def percent_text(value: float | None) -> str:
    """'66,7%'; '-' where nothing was due (callers that write sentences never pass None)."""
    if value is None:
        return "-"
    text = f"{value:.1f}".rstrip("0").rstrip(".")
    return text.replace(".", ",") + "%"


def _ranks(agencies: list[dict]) -> dict[int, int]:
    """Rank by on-time rate then done on time (equal figures share a rank); agencies with nothing due have none."""
    keyed = sorted(
        (
            ((-row["on_time_rate"], -row["by_timeliness"].get(Timeliness.DONE_ON_TIME, 0)), row["id"])
            for row in agencies
            if row.get("on_time_rate") is not None
        ),
    )
    ranks, previous, rank = {}, None, 0
    for position, (key, agency_id) in enumerate(keyed, start=1):
        if key != previous:
            rank, previous = position, key
        ranks[agency_id] = rank
    return ranks


def agency_summary(stats: dict) -> list[dict]:
    """One row per agency: the figures of the body's table and of the annex's summary sheet."""
    ranks = _ranks(stats.get("agencies", []))
    rows = []
    for row in stats.get("agencies", []):
        counts = row.get("by_timeliness", {})
        rows.append(
            {
                "name": row["name"],
                "total": row["total"],
                "on_time": counts.get(Timeliness.DONE_ON_TIME, 0),
                "late": counts.get(Timeliness.DONE_LATE, 0),
                "overdue": counts.get(Timeliness.OVERDUE, 0),
                "in_progress": counts.get(Timeliness.WITHIN_DEADLINE, 0) + counts.get(Timeliness.DUE_SOON, 0),
                "standing": counts.get(Timeliness.STANDING, 0),
                "rate": row.get("on_time_rate"),
                "rank": ranks.get(row["id"]),
            }
        )
    return rows


SUMMARY_KEYS = ("total", "on_time", "late", "overdue", "in_progress", "standing")


def agency_table(stats: dict) -> list[list[str]]:
    """The body's table: a header, one row per agency, a total row."""
    rows = [list(AGENCY_TABLE_HEADER)]
    summary = agency_summary(stats)
    for number, row in enumerate(summary, start=1):
        figures = [str(row[key]) for key in SUMMARY_KEYS]
        rank = str(row["rank"]) if row["rank"] else "-"
        rows.append([str(number), row["name"], *figures, percent_text(row["rate"]).rstrip("%"), rank])
    totals = [str(sum(row[key] for row in summary)) for key in SUMMARY_KEYS]
    rows.append(["", "Tổng cộng", *totals, percent_text(stats.get("on_time_rate")).rstrip("%"), ""])
    return rows


def rate_sentence(stats: dict) -> str:
    rate = stats.get("on_time_rate")
    if rate is None:
        return NO_RATE
    return (
        "Tỷ lệ hoàn thành đúng hạn (số hoàn thành đúng hạn trên tổng số đã hoàn thành và quá hạn) đạt "
        f"{percent_text(rate)}."
    )


def statistics_sentences(stats: dict) -> list[str]:
    """Section I's figures, in the sentences such reports use."""
    timeliness = stats.get("by_timeliness", {})
    status = stats.get("by_status", {})

    def t(code):
        return timeliness.get(code, 0)

    done = status.get(Status.DONE, 0)
    sentences = [
        f"Tính đến ngày {day_text(stats.get('as_of'))} (thời điểm chốt số liệu), tổng số lượt nhiệm vụ được phân "
        f"công cho các cơ quan, đơn vị là {stats.get('total', 0)}, trong đó: đã hoàn thành {done} "
        f"(đúng hạn {t(Timeliness.DONE_ON_TIME)}, quá hạn {t(Timeliness.DONE_LATE)}); "
        f"chờ xác nhận hoàn thành {status.get(Status.AWAITING_CONFIRMATION, 0)}; "
        f"đang thực hiện trong hạn {t(Timeliness.WITHIN_DEADLINE) + t(Timeliness.DUE_SOON)} "
        f"(sắp đến hạn {t(Timeliness.DUE_SOON)}); quá hạn chưa hoàn thành {t(Timeliness.OVERDUE)}; "
        f"nhiệm vụ thường xuyên {t(Timeliness.STANDING)}; tạm dừng hoặc hủy {t(Timeliness.NOT_APPLICABLE)} "
        f"({ANNEX_REFERENCE}).",
        rate_sentence(stats),
    ]
    for group in stats.get("groups", []):
        if not group.get("total"):
            continue
        counts = group.get("by_timeliness", {})
        sentences.append(
            f"Nhóm nhiệm vụ {group['number']} ({group['title']}): {group['total']} lượt nhiệm vụ, hoàn thành "
            f"{counts.get(Timeliness.DONE_ON_TIME, 0) + counts.get(Timeliness.DONE_LATE, 0)}, "
            f"quá hạn {counts.get(Timeliness.OVERDUE, 0)}."
        )
    if stats.get("agencies"):
        sentences.append("Kết quả thực hiện của từng cơ quan, đơn vị như sau:")
    return sentences


def agency_table_note(stats: dict) -> list[str]:
    if not stats.get("agencies"):
        return []
    return [f"Tỷ lệ đúng hạn tính trên số nhiệm vụ đã đến hạn; danh sách từng nhiệm vụ {ANNEX_REFERENCE}."]


def overdue_sentences(stats: dict) -> list[str]:
    count = stats.get("overdue_count", 0)
    if not count:
        return ["Đến thời điểm chốt số liệu, không có nhiệm vụ quá hạn chưa hoàn thành."]
    lines = [f"Còn {count} lượt nhiệm vụ quá hạn chưa hoàn thành, gồm:"]
    for row in stats.get("overdue", [])[:OVERDUE_LIMIT]:
        lines.append(
            f"- Nhiệm vụ {row['task_code']} ({row['agency']}), hạn {day_text(row['deadline'])}, "
            f"quá hạn {row['days_overdue']} ngày, đạt {row['percent']}%;"
        )
    if count > OVERDUE_LIMIT:
        lines.append(f"- Và {count - OVERDUE_LIMIT} lượt nhiệm vụ khác ({ANNEX_REFERENCE}).")
    return lines
