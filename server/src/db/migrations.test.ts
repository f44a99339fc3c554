import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { MIGRATIONS_FOLDER as folder } from './client';

/**
 * Migrations that have landed are never edited again: a database that already ran one would never run the
 * edit, and drizzle decides what to run by the journal's `when`. Each landed migration is written here with
 * its journal `when` and the SHA-256 of its .sql file (computed once with `sha256sum`); editing, renaming,
 * reordering or removing one fails. A new migration (from `npm run db:generate`) needs only its line added
 * at the end.
 */
const LANDED: [tag: string, when: number, sqlSha256: string][] = [
  ['0000_init', 1795764285093, '213ee140c2948c719cb9ce48d0210fe9293b78862a279915ee87887414fea015'],
  ['0001_audit_append_only', 1795764290708, '7ca27e692347049d1d32f9f0512a249e437103b42b50212aaea712f131f1731d'],
  ['0002_enterprise', 1795771104037, '001fc1e0e015f3471f6ba710141e55f58c4da1a887a4129f38592a7cdc468724'],
  ['0003_enterprise_counts', 1795771104726, 'd3aa8b36bdaab30db767161ff181bfb25abdf190c2764675b393db8052f8df59'],
  ['0004_risk_inspection', 1795774361171, '66829c29a46007ff830b613d53dde8782bab294042a28da5e5f13ed1d9c30c5c'],
  ['0005_inspection_planning_counts_risk_follow', 1795780858458, '9a344763d8003dfe0444683a35bfb5c408d3f1000e354a6c627ff453fbb931a8'],
  ['0006_hazard', 1795785429622, '0cd7db3e593181b4dc72145b4dbf1f7734aeaacfc4d74935f00ba4873c0c65e2'],
  ['0007_hazard_counts', 1795785685606, '9ac374c14ff9575c8a300386c2fa4182d9074d40d3d0756b807694bbb118c390'],
  ['0008_hazard_orders', 1795786911996, 'c3cb0b80abea7c61c9844caa33e8cb365303c7480d19d05cd5d8b2d251c46cfe'],
  ['0009_supervision_one_active', 1795787574661, '39bd97c1034ec682a1d6a0756ace9c306d58679c2f421bb7774b32c980402714'],
  ['0010_case', 1795788487358, '23d900cd1cfb281711df9f2ba54cc282f5f125e47db44569e418434c1248a37a'],
  ['0011_hazard_town_months', 1795796164414, 'd54e071f5e113bfa5ed6bd8118058fbb83b4a8d5d63f0f5b22aa0ba8a8b9c024'],
  ['0012_attachment_refs', 1795796753633, '6c20929a15204564e8106940a4c8329a7d814f8c5e2771ca14d8fbde12c06475'],
  ['0013_cases_date_index', 1795799447830, '4c486a2b479d2a62e6dc7c4925382d02d9513bf3b2338387432a19711259a8ae'],
  ['0014_accidents_and_duty', 1796351433031, '1e5008ed719e9ce2636f4b73df056bf7ed0b42890e15d1e9df2d093b231e8cd8'],
  ['0015_session_previous_login', 1796363123390, 'b0916f723355cafdd7d6bfa94ff02e48856c0d2d663202a5c2f0f5d9f1d10499'],
  ['0016_case_fine_tiers', 1796376140118, '00e04dcf3807e0c2ff1bc2595cda932da620391b5f1edf9ab2d6622ffe4c6f31'],
  ['0017_audit_division_index', 1796380491992, '1a956c39f08981fbe1d744e1c3b5dd951ca5d78212fb9fa1bec9ba2bba7cd317'],
  ['0018_drill', 1796387894246, '135a61bc1ef3cdae6317243e073dabf3b0854feb937ec07e9d8c22d7dc4b6ee9'],
  ['0019_findings', 1796390674625, '902fbe3d9faf9140bf7d40d170d8f8f1c06111fac421e30065305174eed0ce3e'],
  ['0020_resources', 1796390818824, '4cffe2bd45cebbaad4b9c15918a9932d3bfecbc375e2e236b27e80c287da318b'],
  ['0021_warnings', 1796390954902, 'e392887d04fd06cb6c69d501dc58c33c2e7e1f657e602139baafd8461495dd96'],
  ['0022_fire', 1796391078214, '69a210bef013cd74cf5729a73d37a43d69fbefacb2c2d325b8f306878ad01a3e'],
  ['0023_s6', 1796401455425, 'e026ee8743194a5edf21c06171cd7da768f5107c307a8d2facd6b8c6a316f9b7'],
  ['0024_workbench_s7', 1796409963842, '741b8c6ad0ad197a01323bc33ae512b405d72b6118e715cd97da21691c1e2c07'],
  ['0025_drill_s8', 1796424390195, 'c2dd3e199bc34e5ba5782e8e793a9595d8c311e58fdcd842f5e6fc22decb642b'],
  ['0026_warning_s8', 1796425148169, '38209a54bf8d74e8ad5fe5ea8f119c4967ce8b2c2c5c245fa01563f0d3de7ff4'],
  ['0027_fire_s8', 1796425588131, 'a399d33b2a0ec50d089de46c6d7d8f7cadaac4393e065c88ae309ec0f0289b21'],
  ['0028_index_nulls_first_s10', 1796451626339, 'dee81d65cfb54dfc50809b850b3cbb3a2ff29336e0c15777a4c383ef9e3cad20'],
  ['0029_shelter_stock_s12', 1796480171716, '1aa5a20f2992f5e0bf575448b07f8b08e3f86abac91c34017d4f5a1da320983d'],
  ['0030_inspection_city_counts_s13', 1796490232595, '1e4e275c133ae57fe03a947414d7425ad6aafe3174888c0bc50cb848c1e1be05'],
  ['0031_rollup_city_counts_s13', 1796490655458, '40433b6a97f5995207334204b0aee6f883ea337bed029264c97a2a3aa5399adf'],
  ['0032_fire_board_s13', 1796493560933, '4b71766d0b546cfe75d37f8dabd8da880a2a1586bd7e265aded1eb235b8c8aa2'],
  ['0033_province_city_counts_s14', 1796501393679, 'e9590f1657e207b3fcad33ce01d4e5d67d0777554e01b8befb43dacfa3176f53'],
  ['0034_resource_stock_s14', 1796502824359, 'b61f9e4b79d10603b82e9ee82c6573db2921a2fba9725003556598c9c0fe4640'],
  ['0035_enterprise_city_counts_s15', 1796512583205, '24600e2ff3e66876ff9aad85166eba42e23e6b59928ab6e0a589711ded99ca0f'],
];

interface TJournal {
  version: string;
  dialect: string;
  entries: { idx: number; version: string; when: number; tag: string; breakpoints: boolean }[];
}
const journal = JSON.parse(fs.readFileSync(path.join(folder, 'meta', '_journal.json'), 'utf8')) as TJournal;
const sha256 = (file: string) => createHash('sha256').update(fs.readFileSync(file)).digest('hex');

describe('landed migrations', () => {
  it('keep their journal entries, in order, unchanged', () => {
    expect(journal.version).toBe('7');
    expect(journal.dialect).toBe('postgresql');
    expect(journal.entries.slice(0, LANDED.length)).toEqual(
      LANDED.map(([tag, when], idx) => ({ idx, version: '7', when, tag, breakpoints: true })),
    );
  });

  it.each(LANDED)('%s.sql is byte for byte as it landed', (tag, _when, sqlSha256) => {
    expect(sha256(path.join(folder, `${tag}.sql`))).toBe(sqlSha256);
  });

  it('has a journal entry for every .sql file, and a file for every entry', () => {
    const files = fs
      .readdirSync(folder)
      .filter((f) => f.endsWith('.sql'))
      .map((f) => f.slice(0, -'.sql'.length))
      .sort();
    expect(files).toEqual(journal.entries.map((e) => e.tag).sort());
  });

  it('adds a new migration only after the landed ones, later than the last', () => {
    const added = journal.entries.slice(LANDED.length);
    let last = LANDED[LANDED.length - 1]![1];
    added.forEach((entry, i) => {
      expect(entry.idx).toBe(LANDED.length + i);
      expect(entry.when).toBeGreaterThan(last);
      last = entry.when;
    });
  });
});
