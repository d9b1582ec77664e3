from django.urls import path

from commentary.views import board, decisions, notifications, returns

BODY = "bodies/<body:committee>/"  # the body's own addresses, as in indicators.urls

urlpatterns = [
    path(BODY + "board/", board.governance_board_latest, name="governance_board_latest"),
    path(BODY + "quarters/<quarter:quarter>/board/", board.governance_board, name="governance_board"),
    path("returns/", board.my_returns, name="my_returns"),
    path("returns/<int:pk>/", returns.return_detail, name="return_detail"),
    path("returns/<int:pk>/edit/", returns.return_edit, name="return_edit"),
    path("returns/<int:pk>/preview/", returns.return_preview, name="return_preview"),
    path("returns/<int:pk>/autosave/", returns.return_autosave, name="return_autosave"),
    path("returns/<int:pk>/submit/", decisions.return_submit, name="return_submit"),
    path("returns/<int:pk>/withdraw/", decisions.return_withdraw, name="return_withdraw"),
    path("returns/<int:pk>/send-back/", decisions.return_send_back, name="return_send_back"),
    path("returns/<int:pk>/approve/", decisions.return_approve, name="return_approve"),
    path("returns/<int:pk>/reopen/", decisions.return_reopen, name="return_reopen"),
    path("returns/<int:pk>/share/", decisions.return_share, name="return_share"),
    path("board/", board.governance_board_latest, name="governance_board_latest"),
    path("quarters/<quarter:quarter>/board/", board.governance_board, name="governance_board"),
    path("quarters/<quarter:quarter>/board/approve/", board.returns_bulk_approve_view, name="returns_bulk_approve"),
    path("quarters/<quarter:quarter>/open/", board.quarter_open_returns, name="quarter_open_returns"),
    path("notifications/", notifications.notifications, name="notifications"),
    path("notifications/read/", notifications.notifications_mark_read, name="notifications_mark_read"),
]
