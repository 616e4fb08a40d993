import { ArgumentMetadata, Injectable, PipeTransform } from '@nestjs/common';
import { isValidId } from '@app/database';
import { apiMessages } from './api.messages';
import { ApiInputError } from '../graphql/error-codes';

/** An ID argument must look like one of ours; anything else is BAD_USER_INPUT naming the argument. */
@Injectable()
export class IdPipe implements PipeTransform<unknown, string | undefined> {
  transform(value: unknown, metadata: ArgumentMetadata): string | undefined {
    if (value === undefined || value === null) return undefined;
    if (typeof value !== 'string' || !isValidId(value)) {
      const field = metadata.data ?? 'id';
      throw new ApiInputError(field, apiMessages.notAValidId(field));
    }
    return value;
  }
}
