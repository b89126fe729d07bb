import { describe, expect, it } from 'vitest';
import { runServerToExit } from '../../helpers/server';
import { tempDir } from '../../helpers/temp-dir';

describe('configuration errors', () => {
  it('stops with exit code 2 and names the variable and what it expects', async () => {
    const dir = tempDir();
    try {
      const result = await runServerToExit({
        PORT: 'ninety',
        REDIS_URL: 'http://nope',
        BOARD_COMMIT_WINDOW_MS: '5000',
        DATA_DIR: dir.path,
      });
      expect(result.code).toBe(2);
      expect(result.stderr).toContain('PORT: expected a port number from 0 to 65535');
      expect(result.stderr).toContain('REDIS_URL: expected a redis:// or rediss:// URL');
      expect(result.stderr).toContain('BOARD_COMMIT_WINDOW_MS: expected at most 1000 ms');
      expect(result.stdout).not.toContain('Mutua is running');
    } finally {
      dir.remove();
    }
  });
});
