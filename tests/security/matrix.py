"""The authorisation matrix: for every route and method, what each role gets.

Columns, in order: anonymous, trainee, trainer (of the owning partner, not teaching the run),
partner coordinator of the owning partner (HBIO), partner coordinator of another partner (LSK),
consortium coordinator, admin. Every object in the URLs belongs to other HBIO people (see world.py).

Each request carries an empty form (a POST of a button with no fields is therefore the real action):

  L  sent to the login page              D  403 or 404: refused, or the object is hidden
  R  turned down by the view: a 4xx with a reason, the form shown again with errors, a danger flash
  A  done or shown (a page, a download, a redirect after a successful action)

Never a 500. A request whose outcome is L, D or R must leave the database unchanged (test_matrix
compares every table before and after). A route missing from this table fails the suite: decide
what each role may do before adding it.
"""

MATRIX: dict[str, dict[str, str]] = {
    # accounts
    "accounts.change_password": {"POST": "LRRRRRR"},
    "accounts.erase": {"POST": "LDDRDRR"},
    "accounts.forgot_password": {"GET": "AAAAAAA", "POST": "RRRRRRR"},
    "accounts.login": {"GET": "AAAAAAA", "POST": "RAAAAAA"},
    "accounts.log_out_everywhere": {"POST": "LAAAAAA"},
    "accounts.logout": {"POST": "LAAAAAA"},
    "accounts.my_data": {"GET": "LAAAAAA"},
    "accounts.new_person": {"GET": "LDDAAAA", "POST": "LDDRRRR"},
    "accounts.people": {"GET": "LDDAAAA"},
    "accounts.person": {"GET": "LDDADAA", "POST": "LDDRDRR"},
    "accounts.profile": {"GET": "LAAAAAA", "POST": "LAAAAAA"},
    "accounts.register": {"GET": "AAAAAAA", "POST": "RAAAAAA"},
    "accounts.reset_password": {"GET": "RRRRRRR", "POST": "RRRRRRR"},
    "accounts.set_active": {"POST": "LDDADAA"},

    # assessment
    "assessment.add_fixed_slot": {"POST": "LDRRRRD"},
    "assessment.add_random_slot": {"POST": "LDRRRRD"},
    "assessment.answer": {"POST": "LDDDDDD"},
    "assessment.archive_question": {"POST": "LDRRRRD"},
    "assessment.attempt": {"GET": "LDDDDDD"},
    "assessment.autosave": {"POST": "LDDDDDD"},
    "assessment.bank": {"GET": "LDAAAAD"},
    "assessment.edit_quiz": {"GET": "LDAAAAD", "POST": "LDRRRRD"},
    "assessment.export_questions": {"GET": "LDAAAAD"},
    "assessment.grade": {"GET": "LDAAAAD", "POST": "LDRRRRD"},
    "assessment.grading_queue": {"GET": "LDAAAAD"},
    "assessment.import_questions": {"POST": "LDRRRRD"},
    "assessment.index": {"GET": "LAAAAAA"},
    "assessment.new_quiz": {"POST": "LDRRRRD"},
    "assessment.quiz": {"GET": "LAAAAAA"},
    "assessment.remove_slot": {"POST": "LDAAAAD"},
    "assessment.review": {"GET": "LDAAAAD"},
    "assessment.start": {"POST": "LRRRRRR"},
    "assessment.statistics": {"GET": "LDAAAAD"},

    # attendance
    "attendance.check_in_link": {"GET": "LADDDDD"},
    "attendance.check_in_page": {"GET": "LADDDDD", "POST": "LRDDDDD"},
    "attendance.check_in_qr": {"GET": "LDAADAD"},
    "attendance.close_check_in": {"POST": "LDAADAD"},
    "attendance.mark_all_present": {"POST": "LDAADAD"},
    "attendance.my_attendance": {"GET": "LADDDDD"},
    "attendance.open_check_in": {"POST": "LDAADAD"},
    "attendance.register_csv": {"GET": "LDAADAD"},
    "attendance.run_overview": {"GET": "LDAADAD"},
    "attendance.run_overview_csv": {"GET": "LDAADAD"},
    "attendance.save_register": {"POST": "LDAADAD"},
    "attendance.save_rule": {"POST": "LDRRDRD"},
    "attendance.session_register": {"GET": "LDAADAD"},
    "attendance.sign_in_sheet": {"GET": "LDAADAD"},

    # catalogue
    "catalogue.archive_course": {"POST": "LRAAAAR"},
    "catalogue.course": {"GET": "AAAAAAA"},
    "catalogue.course_file": {"GET": "LDDDDDD"},
    "catalogue.download": {"GET": "LDAAAAD"},
    "catalogue.edit_course": {"GET": "LDAAAAD", "POST": "LDRRRRD"},
    "catalogue.edit_lesson": {"GET": "LDAAAAD", "POST": "LDAAAAD"},
    "catalogue.enrol_in": {"POST": "LARRRRR"},
    "catalogue.index": {"GET": "AAAAAAA"},
    "catalogue.lesson": {"GET": "LAAAAAA"},
    "catalogue.lesson_done": {"POST": "LRRRRRR"},
    "catalogue.material": {"GET": "LDAAAAD"},
    "catalogue.move": {"POST": "LRAAAAR"},
    "catalogue.new_course": {"GET": "LDAAAAD", "POST": "LDRRRRD"},
    "catalogue.new_lesson": {"GET": "LDAAAAD", "POST": "LDRRRRD"},
    "catalogue.new_version": {"POST": "LDRRRRD"},
    "catalogue.remove_lesson": {"POST": "LRAAAAR"},
    "catalogue.remove_material": {"POST": "LDAAAAD"},
    "catalogue.upload": {"POST": "LRRRRRR"},

    # certificates
    "certificates.download": {"GET": "LDDADAD"},
    "certificates.evaluate": {"POST": "LDDADAD"},
    "certificates.issue": {"POST": "LDDRDRD"},
    "certificates.mine": {"GET": "LAAAAAA"},
    "certificates.reissue": {"POST": "LDDRDRD"},
    "certificates.revoke": {"POST": "LDDRDRD"},
    "certificates.rules": {"GET": "LDDADAD", "POST": "LDDADAD"},
    "certificates.run_certificates": {"GET": "LDDADAD"},
    "certificates.run_zip": {"GET": "LDDADAD"},
    "certificates.runs": {"GET": "LDDAAAD"},
    "certificates.verify": {"GET": "AAAAAAA"},
    "certificates.verify_form": {"GET": "AAAAAAA"},

    # core
    "core.healthz": {"GET": "AAAAAAA"},
    "core.home": {"GET": "AAAAAAA"},

    # evaluations
    "evaluations.evaluate": {"GET": "LDDDDDD", "POST": "LDDDDDD"},
    "evaluations.mine": {"GET": "LAAAAAA"},
    "evaluations.results": {"GET": "LDAADAD"},

    # gradebook
    "gradebook.run_gradebook": {"GET": "LDAADAD"},
    "gradebook.run_gradebook_csv": {"GET": "LDAADAD"},

    # mail
    "mail.outbox": {"GET": "LDDDDDA"},
    "mail.resend": {"POST": "LDDDDDA"},

    # needs
    "needs.answer": {"GET": "AAAAAAA", "POST": "AAAAAAA"},
    "needs.index": {"GET": "LDDAAAD"},
    "needs.plan": {"GET": "LDDADAD"},
    "needs.plan_add_item": {"POST": "LDDRDRD"},
    "needs.plan_approve": {"POST": "LDDADAD"},
    "needs.plan_coverage": {"GET": "LDDADAD"},
    "needs.plan_coverage_csv": {"GET": "LDDADAD"},
    "needs.plan_from_needs": {"POST": "LDDRDRD"},
    "needs.plan_item_courses": {"POST": "LDDADAD"},
    "needs.plan_remove_item": {"POST": "LDDADAD"},
    "needs.plan_revise": {"POST": "LDDRDRD"},
    "needs.plans": {"GET": "LDDAAAD", "POST": "LDDRRRD"},
    "needs.ranking_download": {"GET": "LDDADAD"},
    "needs.report_pdf": {"GET": "LDDADAD"},
    "needs.self_assessment": {"GET": "LDDAAAD"},
    "needs.self_assessment_edit": {"GET": "LDDADAD", "POST": "LDDADAD"},
    "needs.self_assessment_import": {"POST": "LDDRRRD"},
    "needs.survey": {"GET": "LDDADAD"},
    "needs.survey_import": {"POST": "LDDRDRD"},
    "needs.survey_links": {"POST": "LDDRDRD"},
    "needs.survey_status": {"POST": "LDDRDRD"},
    "needs.surveys": {"GET": "LDDAAAD", "POST": "LDDRRRD"},

    # notifications
    "notifications.index": {"GET": "LAAAAAA"},
    "notifications.mark_read": {"POST": "LAAAAAA"},

    # partners
    "partners.add": {"POST": "LDDDDDR"},
    "partners.index": {"GET": "LAAAAAA"},

    # reporting
    "reporting.audit": {"GET": "LDDAAAA"},
    "reporting.audit_export": {"GET": "LDDAAAA"},
    "reporting.chart_export": {"GET": "LDDAAAA"},
    "reporting.index": {"GET": "LDDAAAA"},
    "reporting.my_record": {"GET": "LAAAAAA"},
    "reporting.partner": {"GET": "LDDADAA"},
    "reporting.rows": {"GET": "LDDAAAA"},
    "reporting.rows_export": {"GET": "LDDAAAA"},
    "reporting.summary_export": {"GET": "LDDAAAA"},
    "reporting.trainee": {"GET": "LDDADAA"},
    "reporting.trainee_export": {"GET": "LDDADAA"},

    # scheduling
    "scheduling.add_registration": {"POST": "LDRRDRD"},
    "scheduling.cancel_run": {"GET": "LDAADAD", "POST": "LDAADAD"},
    "scheduling.cancel_session": {"GET": "LDAADAD", "POST": "LDAADAD"},
    "scheduling.complete_run": {"POST": "LDRRDRD"},
    "scheduling.edit_run": {"GET": "LDAADAD", "POST": "LDAADAD"},
    "scheduling.edit_session": {"GET": "LDAADAD", "POST": "LDAADAD"},
    "scheduling.edit_venue": {"GET": "LDDADAA", "POST": "LDDRDRR"},
    "scheduling.feed_settings": {"GET": "LAAAAAA"},
    "scheduling.leave": {"POST": "LRRRRRR"},
    "scheduling.month": {"GET": "LAAAAAA"},
    "scheduling.move_registration": {"POST": "LDRRDRD"},
    "scheduling.my_sessions": {"GET": "LADDDDD"},
    "scheduling.my_teaching": {"GET": "LDAAAAD"},
    "scheduling.new_run": {"GET": "LDAAAAD", "POST": "LDRRRRD"},
    "scheduling.new_session": {"GET": "LDAADAD", "POST": "LDRRDRD"},
    "scheduling.new_venue": {"GET": "LDDAAAA", "POST": "LDDRRRR"},
    "scheduling.partner_feed": {"GET": "AAAAAAA"},
    "scheduling.personal_feed": {"GET": "DDDDDDD"},
    "scheduling.publish_run": {"POST": "LDRRDRD"},
    "scheduling.regenerate_feed": {"POST": "LAAAAAA"},
    "scheduling.register": {"POST": "LARRRRR"},
    "scheduling.registrations": {"GET": "LDAADAD"},
    "scheduling.remove_registration": {"POST": "LDAADAD"},
    "scheduling.revoke_feed": {"POST": "LAAAAAA"},
    "scheduling.run_detail": {"GET": "LAAAAAA"},
    "scheduling.run_ics": {"GET": "LAAAAAA"},
    "scheduling.runs": {"GET": "LAAAAAA"},
    "scheduling.session_ics": {"GET": "LAAAAAA"},
    "scheduling.upload_run_material": {"POST": "LRRRRRR"},
    "scheduling.venues": {"GET": "LDDAAAA"},
}
