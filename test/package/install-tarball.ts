// Packs this package (`npm pack`) and installs the tarball into an empty project in a temporary folder, the way a
// partner's project gets it. npm installs it offline from its cache (CI's `npm ci` fills the cache); where the cache
// lacks a dependency, the tarball is unpacked into node_modules and each declared dependency is linked from this
// repository's node_modules, so a dependency missing from package.json still fails.
import { spawnSync } from 'node:child_process';
import { chmodSync, existsSync, mkdirSync, mkdtempSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export interface InstalledPackage { project: string; tarball: string; files: string[]; installedBy: 'npm' | 'links' }

function sh(command: string, args: string[], cwd: string, timeout = 180_000) {
  const r = spawnSync(command, args, { cwd, encoding: 'utf8', timeout });
  return { ok: r.status === 0, out: `${r.stdout}\n${r.stderr}` };
}

export function packAndInstall(root: string, extraDevLinks: string[]): InstalledPackage {
  const work = mkdtempSync(join(tmpdir(), 'coinpool-pack-'));
  // The build is fresh (ensureBuilt ran): skip `prepare` here.
  const pack = sh('npm', ['pack', '--ignore-scripts', '--json', '--pack-destination', work], root);
  if (!pack.ok) throw new Error(`npm pack failed:\n${pack.out}`);
  const [info] = JSON.parse(pack.out.slice(pack.out.indexOf('['), pack.out.lastIndexOf(']') + 1)) as [{ filename: string; files: { path: string }[] }];
  const tarball = join(work, info.filename);
  const project = join(work, 'project');
  mkdirSync(project);
  writeFileSync(join(project, 'package.json'), JSON.stringify({ name: 'partner-app', private: true, type: 'module' }));

  const install = sh('npm', ['install', '--offline', '--no-audit', '--no-fund', '--ignore-scripts', tarball], project);
  let installedBy: InstalledPackage['installedBy'] = 'npm';
  if (!install.ok) {
    installedBy = 'links';
    const target = join(project, 'node_modules', 'coinpool-sandbox');
    mkdirSync(target, { recursive: true });
    const untar = sh('tar', ['-xzf', tarball, '-C', target, '--strip-components=1'], project);
    if (!untar.ok) throw new Error(`tar failed:\n${untar.out}`);
    const pkg = JSON.parse(readFileSync(join(target, 'package.json'), 'utf8')) as { dependencies: Record<string, string>; bin: Record<string, string> };
    for (const dep of Object.keys(pkg.dependencies)) link(root, project, dep);
    mkdirSync(join(project, 'node_modules', '.bin'), { recursive: true });
    for (const [name, file] of Object.entries(pkg.bin)) {
      chmodSync(join(target, file), 0o755);
      symlinkSync(join('..', 'coinpool-sandbox', file), join(project, 'node_modules', '.bin', name));
    }
  }
  // Tools the partner's project would have itself (TypeScript to type-check against the exported types).
  for (const dep of extraDevLinks) if (!existsSync(join(project, 'node_modules', dep))) link(root, project, dep);
  return { project, tarball, files: info.files.map((f) => f.path), installedBy };
}

function link(root: string, project: string, dep: string): void {
  const at = join(project, 'node_modules', dep);
  mkdirSync(join(at, '..'), { recursive: true });
  symlinkSync(join(root, 'node_modules', dep), at, 'dir');
}
