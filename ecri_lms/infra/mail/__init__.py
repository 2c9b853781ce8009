"""Outgoing e-mail through a transactional outbox.

An e-mail is a row of `outbox_message`, written in the transaction of the change that causes it
(`outbox.queue_mail`): a change that rolls back sends nothing, and a committed change never loses
its e-mail, whatever happens to Redis or to the process afterwards. Senders (`sender.send_pending`:
the RQ worker, `flask mail send-pending` from cron, or the request itself when the e-mail only goes
to the console) claim one row at a time, so two senders never send the same row at once.
"""
