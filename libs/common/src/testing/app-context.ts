import { INestApplicationContext } from '@nestjs/common';

/**
 * What test factories need of a running application: its providers. A Nest application or
 * application context is one, and so is anything that hands out its `get`.
 */
export type AppContext = Pick<INestApplicationContext, 'get'>;
