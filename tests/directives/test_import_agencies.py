"""The agency list the directive parser is given: names, short names and the usual aliases."""

from directives.importing import parse_directive_text
from directives.selectors import import_agency_names
from tests.factories import AgencyFactory


def aliases_of(name: str) -> tuple[str, ...]:
    return next(agency.aliases for agency in import_agency_names() if agency.name == name)


def test_conventional_aliases_follow_the_kind_of_agency(seeded):
    assert aliases_of("Bộ Chỉ huy quân sự tỉnh") == ("Bộ CHQS tỉnh", "ngành quân sự", "cơ quan quân sự", "Quân sự")
    assert aliases_of("Công an tỉnh") == ("ngành công an", "Công an")
    assert aliases_of("Ủy ban Mặt trận Tổ quốc Việt Nam tỉnh") == ("UBMTTQ tỉnh", "Mặt trận Tổ quốc", "MTTQ")
    assert aliases_of("Sở Kế hoạch và Đầu tư") == ("Sở KH&ĐT",)
    AgencyFactory(name="Sở Nội vụ tỉnh Lào Cai", short_name="SNV")
    assert aliases_of("Sở Nội vụ tỉnh Lào Cai") == ("SNV", "Sở Nội vụ")


def test_inactive_agencies_are_left_out(seeded):
    AgencyFactory(name="Sở Cũ", is_active=False)
    assert "Sở Cũ" not in [agency.name for agency in import_agency_names()]


def test_seeded_agencies_find_the_reference_items(seeded):
    text = (
        "Yêu cầu:\n\n1. Bảo vệ bí mật quân sự.\n\n2. Các ngành Quân sự, Công an phối hợp.\n\n"
        "3. Phát huy vai trò của Mặt trận tổ quốc.\n\n4. Giao Bộ Chỉ huy quân sự tỉnh chủ trì, theo dõi./."
    )
    proposal = parse_directive_text(text, agencies=import_agency_names())
    assert [group.agencies for group in proposal.groups] == [
        [],
        ["Bộ Chỉ huy quân sự tỉnh", "Công an tỉnh"],
        ["Ủy ban Mặt trận Tổ quốc Việt Nam tỉnh"],
        ["Bộ Chỉ huy quân sự tỉnh"],
    ]
    assert proposal.coordinator == "Bộ Chỉ huy quân sự tỉnh"
