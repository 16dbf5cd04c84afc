-- The counts behind a DfE rate or percentage (re-referrals of referrals; children on a plan and the
-- 0–17 population), kept beside the figure. Without them the council's own DfE figure could only be
-- compared with the statistical neighbours, region and England by value ("within 5%"); with them it
-- is compared by its 95% confidence interval (Wilson for a percentage, Byar or exact Poisson for a
-- rate), the Fingertips method the monthly figures already use. Null where the source has no counts:
-- counts themselves, neighbour averages, workforce rates and figures quoted in council papers.
ALTER TABLE "comparator_values" ADD COLUMN "numerator" numeric;--> statement-breakpoint
ALTER TABLE "comparator_values" ADD COLUMN "denominator" numeric;
