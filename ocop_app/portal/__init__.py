"""The producer portal: producers' website users (ocop_app.portal.access) and their pages under
/ocop/co-so/ (ocop_app/www/ocop/co_so/). See docs/portal-foundation.md."""
