"""Uploading, listing and downloading materials."""

from flask import redirect, render_template, send_file, url_for
from flask_login import current_user, login_required

from ...infra.i18n import gettext as _
from ...infra.input_guards import int_arg
from ...infra.web import commit_or_flash, flash_form_errors
from ..forms import VersionForm
from ..services import (
    add_version,
    archive_material,
    get_course,
    get_material_for,
    may_manage,
    may_see_history,
    open_version,
    owner_summary,
    upload_material,
    version_for_download,
)
from .blueprint import bp
from .browse import material_form_for

DOWNLOAD_POLICY = "default-src 'none'; sandbox"


@bp.post("/courses/<code>/materials")
@login_required
def upload(code: str):
    course = get_course(current_user, code)
    form = material_form_for(course)
    if form.validate_on_submit():
        owner_type, _sep, owner_id = form.attach_to.data.partition(":")
        file = form.file.data
        commit_or_flash(
            lambda: upload_material(
                current_user,
                owner_type,
                int(owner_id or course.id),
                form.title.data,
                file.filename,
                file.stream,
                form.description.data or "",
            ),
            _("Material uploaded."),
        )
    else:
        flash_form_errors(form)
    return redirect(url_for("catalogue.course", code=course.code, _anchor="materials"))


@bp.get("/materials/<int:material_id>")
@login_required
def material(material_id: int):
    material, owner = get_material_for(current_user, material_id)
    owner_name, owner_url = owner_summary(material, owner)
    return render_template(
        "catalogue/material.html",
        material=material,
        owner_name=owner_name,
        owner_url=owner_url,
        history=may_see_history(current_user),
        manage=may_manage(current_user, material, owner),
        form=VersionForm(),
    )


@bp.post("/materials/<int:material_id>/versions")
@login_required
def new_version(material_id: int):
    material, _owner = get_material_for(current_user, material_id)
    form = VersionForm()
    if form.validate_on_submit():
        file = form.file.data
        commit_or_flash(
            lambda: add_version(current_user, material, file.filename, file.stream, form.note.data or ""),
            _("New version uploaded; the previous ones are kept."),
        )
    else:
        flash_form_errors(form)
    return redirect(url_for("catalogue.material", material_id=material.id))


@bp.post("/materials/<int:material_id>/remove")
@login_required
def remove_material(material_id: int):
    material, owner = get_material_for(current_user, material_id)
    _name, owner_url = owner_summary(material, owner)
    if commit_or_flash(lambda: archive_material(current_user, material), _("Material removed.")).ok:
        return redirect(owner_url)
    return redirect(url_for("catalogue.material", material_id=material.id))


@bp.get("/materials/<int:material_id>/download")
@login_required
def download(material_id: int):
    material, _owner = get_material_for(current_user, material_id)
    version = version_for_download(current_user, material, int_arg("version"))
    response = send_file(
        open_version(version),
        mimetype=version.content_type,
        as_attachment=True,
        download_name=version.file_name,
        etag=version.sha256,
        conditional=True,
    )
    response.headers["Content-Security-Policy"] = DOWNLOAD_POLICY
    return response
