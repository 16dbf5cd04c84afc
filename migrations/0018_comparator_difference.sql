-- How a KPI's comparator measure differs from the KPI's own definition (PI13 is the vacancy rate of
-- permanent front-line social worker posts; DfE's is all children and family social workers at 30
-- September). Where set, the council's monthly figures are not judged against DfE's figures (two
-- different measures), and the text is shown beside every comparator. Null where the definitions agree.
ALTER TABLE "indicators" ADD COLUMN "comparator_difference" text;
