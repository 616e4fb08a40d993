import { dropStaleTestDatabases } from '@app/database/testing';

export default async function globalSetup(): Promise<void> {
  await dropStaleTestDatabases();
}
