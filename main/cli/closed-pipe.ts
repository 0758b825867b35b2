/**
 * `facility-sync report --csv | head -3`: once the reader has what it wants it closes the pipe, and
 * the next write fails with EPIPE. That is the reader's choice, not a failure: end quietly with 0
 * instead of an unhandled-error stack trace. Anything else on the stream is still reported.
 */
export function endQuietlyOnClosedPipe(stream: NodeJS.WriteStream): void {
  stream.on('error', (err: NodeJS.ErrnoException) => {
    if (err.code === 'EPIPE') process.exit(0);
    throw err;
  });
}
