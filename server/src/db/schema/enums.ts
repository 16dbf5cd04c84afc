import {
  COMPARATOR_KINDS,
  COMPARATOR_SOURCES,
  GEOGRAPHIC_LEVELS,
  GROUP_ROLES,
  MEASURE_TYPES,
  OBSERVATION_STATUSES,
  OPERATORS,
  POLARITIES,
  PROVENANCES,
  ROLES,
  SUPPRESSION_SYMBOLS,
  THEMES,
  UNITS,
  UPLOAD_OUTCOMES,
} from '@kpi/shared';
import { pgEnum } from 'drizzle-orm/pg-core';

export const unitEnum = pgEnum('unit', UNITS);
export const polarityEnum = pgEnum('polarity', POLARITIES);
export const measureTypeEnum = pgEnum('measure_type', MEASURE_TYPES);
export const themeEnum = pgEnum('theme', THEMES);
export const operatorEnum = pgEnum('operator', OPERATORS);
export const suppressionSymbolEnum = pgEnum('suppression_symbol', SUPPRESSION_SYMBOLS);
export const provenanceEnum = pgEnum('provenance', PROVENANCES);
export const observationStatusEnum = pgEnum('observation_status', OBSERVATION_STATUSES);
export const roleEnum = pgEnum('role', ROLES);
export const groupRoleEnum = pgEnum('group_role', GROUP_ROLES);
export const geographicLevelEnum = pgEnum('geographic_level', GEOGRAPHIC_LEVELS);
export const comparatorSourceEnum = pgEnum('comparator_source', COMPARATOR_SOURCES);
export const comparatorKindEnum = pgEnum('comparator_kind', COMPARATOR_KINDS);
export const uploadOutcomeEnum = pgEnum('upload_outcome', UPLOAD_OUTCOMES);
