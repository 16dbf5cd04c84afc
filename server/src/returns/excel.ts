import ExcelJS from 'exceljs';

export type { Cell, CellValue, Workbook, Worksheet } from 'exceljs';
/** exceljs, loaded in one place: the parser, the template writer and the tests use this. */
export { ExcelJS };
