import { HttpError } from '../http/HttpError.js'

/** What a route that would change the content of an adopted (or signed) convention answers. */
export const conventionFrozenError = (status: string) =>
  new HttpError(
    409,
    'convention_frozen',
    `the convention is ${status}: its content can no longer change (start an avenant)`,
  )
