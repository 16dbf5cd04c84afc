export const BENCHMARKS_PATH = '/benchmarks';
export const DFE_IMPORT_PATH = `${BENCHMARKS_PATH}/dfe`;
export const POPULATIONS_PATH = `${BENCHMARKS_PATH}/populations`;
export const SN_MODELS_PATH = `${BENCHMARKS_PATH}/sn-models`;
