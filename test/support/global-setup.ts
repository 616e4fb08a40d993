// Global setup runs outside jest's module mapping: resolve @app/* through tsconfig paths.
import 'tsconfig-paths/register';

export default async function globalSetup(): Promise<void> {
  const { dropStaleTestDatabases } = await import('@app/database/testing');
  await dropStaleTestDatabases();
}
