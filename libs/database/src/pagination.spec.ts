import { decodeCursor, encodeCursor } from './pagination';

describe('cursors', () => {
  it('round-trips an id', () => {
    expect(decodeCursor(encodeCursor('42'))).toBe('42');
  });

  it('rejects what is not a cursor of ours', () => {
    expect(decodeCursor('nonsense')).toBeNull();
    expect(decodeCursor(Buffer.from('id:0; DROP TABLE venues').toString('base64url'))).toBeNull();
    expect(decodeCursor('')).toBeNull();
  });
});
