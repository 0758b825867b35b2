import { expect } from 'vitest';
import { AppError } from '../../main/app-error';

/** Awaits a promise that must reject with an AppError and returns that error. */
export async function appErrorOf(p: Promise<unknown>): Promise<AppError> {
  const err = await p.then(
    () => null,
    (e: unknown) => e,
  );
  expect(err).toBeInstanceOf(AppError);
  return err as AppError;
}
