"""Materials that belong to one run; storage, versions and downloads are the catalogue's."""

from flask import redirect, url_for
from flask_login import current_user, login_required

from ...catalogue.services import upload_material
from ...infra.i18n import gettext as _
from ...infra.web import commit_or_flash, flash_form_errors
from ..forms import RunMaterialForm
from .blueprint import bp
from .browse import visible_run_or_404


@bp.post("/runs/<int:run_id>/materials")
@login_required
def upload_run_material(run_id: int):
    run = visible_run_or_404(run_id)
    form = RunMaterialForm()
    if form.validate_on_submit():
        file = form.file.data
        commit_or_flash(
            lambda: upload_material(
                current_user, "run", run.id, form.title.data, file.filename, file.stream, form.description.data or ""
            ),
            _("Material uploaded."),
        )
    else:
        flash_form_errors(form)
    return redirect(url_for("scheduling.run_detail", run_id=run.id, _anchor="materials"))
