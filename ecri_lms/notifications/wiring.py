"""How notifications plug into other areas' registries: the personal-data download, and the unread count
read along with the user of each request."""

from ..accounts.loading import register_user_figure
from .services import UNREAD, unread_subquery

register_user_figure(UNREAD, unread_subquery)
