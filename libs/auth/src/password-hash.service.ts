import { Inject, Injectable } from '@nestjs/common';
import bcrypt from 'bcryptjs';
import { APP_CONFIG, AppConfig } from '@app/config';

/** bcrypt (via bcryptjs): the cost comes from config so tests may use the minimum. */
@Injectable()
export class PasswordHashService {
  /** Compared against when the e-mail is unknown, so both paths take the same time. */
  private readonly decoy: string;

  constructor(@Inject(APP_CONFIG) private readonly config: AppConfig) {
    this.decoy = bcrypt.hashSync('decoy-password-never-matches', config.auth.bcryptCost);
  }

  hash(password: string): Promise<string> {
    return bcrypt.hash(password, this.config.auth.bcryptCost);
  }

  verify(password: string, hash: string | null): Promise<boolean> {
    return bcrypt.compare(password, hash ?? this.decoy).then((ok) => ok && hash !== null);
  }
}
