/**
 * The national-scale data set on its own:
 *
 *   tsx bench/generate/index.ts [--scale small|full] [--out DIR]            # write the CSV files only
 *   tsx bench/generate/index.ts --scale full --database-url postgres://…    # and load them into that database
 *
 * Files: DIR/dfe/bench_release_NN_2016_to_2025.csv (DfE tidy layout, every area, 30 measures × 10
 * years each) and DIR/returns/return-<LA>-2015-08-to-2025-07.csv (60 KPIs × 120 months, the
 * product's template layout). Deterministic: the same bytes on every run and machine.
 */
import { createHash } from 'node:crypto';
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { readBenchAreas } from './areas';
import { DEFAULT_REFERENCE_DIR, dataDir, SCALES, type ScaleName } from './config';
import { generateDfeFile } from './dfe';
import { benchKpis } from './kpis';
import { loadDataset } from './load';
import { generateReturnCsv, returnFileName } from './returns';

function arg(name: string): string | undefined {
  const index = process.argv.indexOf(`--${name}`);
  return index >= 0 ? process.argv[index + 1] : undefined;
}

const scaleName = (arg('scale') ?? 'small') as ScaleName;
const scale = SCALES[scaleName];
if (!scale) throw new Error(`--scale must be one of ${Object.keys(SCALES).join(', ')}`);
const outDir = path.resolve(arg('out') ?? dataDir(scaleName));
const referenceDir = path.resolve(arg('reference-dir') ?? DEFAULT_REFERENCE_DIR);
const databaseUrl = arg('database-url');

if (databaseUrl) {
  const report = await loadDataset({
    databaseUrl,
    scale,
    referenceDir,
    outDir,
    password: process.env.DEMO_PASSWORD ?? 'bench-password-1',
    log: (line) => console.log(line),
  });
  console.log(JSON.stringify(report, null, 2));
} else {
  const areas = readBenchAreas(referenceDir);
  const digest = createHash('sha256');
  mkdirSync(path.join(outDir, 'dfe'), { recursive: true });
  mkdirSync(path.join(outDir, 'returns'), { recursive: true });
  for (let i = 0; i < scale.dfeFiles; i++) {
    const file = generateDfeFile(areas, i);
    writeFileSync(path.join(outDir, 'dfe', file.fileName), file.text);
    digest.update(file.text);
  }
  const kpis = benchKpis();
  for (const area of areas.authorities.slice(0, scale.authorities)) {
    const csv = generateReturnCsv(area, kpis);
    writeFileSync(path.join(outDir, 'returns', returnFileName(area)), csv);
    digest.update(csv);
  }
  console.log(
    `${scale.dfeFiles} DfE files and ${scale.authorities} returns written to ${outDir} (sha256 of all ${digest.digest('hex').slice(0, 16)}…)`,
  );
}
