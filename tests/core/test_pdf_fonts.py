import pytest

from ecri_lms.infra.pdf import fonts


def test_a_missing_font_is_reported_with_how_to_install_it(monkeypatch, tmp_path):
    monkeypatch.setattr(fonts, "_candidate_dirs", lambda: [tmp_path])
    with pytest.raises(fonts.FontsMissing, match="fonts-dejavu-core"):
        fonts.font_dir()


def test_the_fonts_are_found_where_the_project_says(tmp_path, monkeypatch):
    found = fonts.font_dir()
    assert (found / "DejaVuSans.ttf").is_file()
    monkeypatch.setenv("ECRI_FONT_DIR", str(found))
    assert fonts._candidate_dirs()[0] == found
