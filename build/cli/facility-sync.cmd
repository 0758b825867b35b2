@echo off
rem facility-sync: the command line of the installed Facility Sync for Xero (Windows).
rem The installer puts it in the install folder's resources\bin. Call it by that path (Task Scheduler)
rem or add that folder to PATH. It runs the app with --cli, which runs the built CLI in the app's
rem main process. Run from a batch file, the app is waited for and its exit code passed on.
"%~dp0..\..\Facility Sync for Xero.exe" --cli %*
exit /b %ERRORLEVEL%
