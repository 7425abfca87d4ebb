import { spawn } from 'node:child_process';

/**
 * Run a shell command on a pseudo-terminal (util-linux `script`, 100×30), type `keys` once `ready`
 * is on the screen, and resolve with the exit code and everything drawn (stdout and stderr share
 * the terminal).
 */
export function onTerminal(
  command: string,
  options: { cwd: string; env: NodeJS.ProcessEnv },
  input: { ready: string; keys: string } | undefined = undefined,
): Promise<{ code: number; output: string }> {
  return new Promise((resolve, reject) => {
    const p = spawn('script', ['-qec', `stty cols 100 rows 30; ${command}`, '/dev/null'], { ...options, stdio: ['pipe', 'pipe', 'pipe'] });
    let output = '';
    let typed = false;
    const timer = setTimeout(() => p.kill(), 60_000);
    const take = (d: Buffer) => {
      output += d.toString();
      if (input && !typed && output.includes(input.ready)) {
        typed = true;
        p.stdin.write(input.keys);
      }
    };
    p.stdout.on('data', take);
    p.stderr.on('data', take);
    p.on('error', reject);
    p.on('close', (code) => {
      clearTimeout(timer);
      resolve({ code: code ?? -1, output });
    });
  });
}
