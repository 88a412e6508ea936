-- ===========================================================================
-- shares: exact ratios, percentages that add up to 100, cent-exact allocation
-- ===========================================================================

CREATE FUNCTION @extschema@.share(part @extschema@.amount, whole @extschema@.amount) RETURNS numeric
    AS 'MODULE_PATHNAME', 'shares_share' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.share(@extschema@.amount, @extschema@.amount) IS 'Exact ratio part / whole to 20 significant digits; NULL when whole is 0, an error when it is negative';

CREATE FUNCTION @extschema@.percent(part @extschema@.amount, whole @extschema@.amount, digits int4 DEFAULT 1) RETURNS numeric
    AS 'MODULE_PATHNAME', 'shares_percent' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.percent(@extschema@.amount, @extschema@.amount, int4) IS '100 x part / whole rounded half away from zero to digits decimals (0 to 10, default 1); NULL when whole is 0';

CREATE FUNCTION @extschema@.round_percents(parts @extschema@.amount[], digits int4 DEFAULT 1) RETURNS numeric[]
    AS 'MODULE_PATHNAME', 'shares_round_percents' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.round_percents(@extschema@.amount[], int4) IS 'Percentages of the array''s total rounded to digits decimals so that they add up to exactly 100 (largest remainder; ties to the larger part, then the earlier element); NULL parts stay NULL, a zero total gives NULLs';

CREATE FUNCTION @extschema@.percent_of_total(part @extschema@.amount) RETURNS numeric
    AS 'MODULE_PATHNAME', 'shares_percent_of_total' LANGUAGE C WINDOW IMMUTABLE PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.percent_of_total(@extschema@.amount) IS 'Window function: the row''s percentage of its partition''s total to one decimal, adding up to exactly 100 per partition (as round_percents)';

CREATE FUNCTION @extschema@.percent_of_total(part @extschema@.amount, digits int4) RETURNS numeric
    AS 'MODULE_PATHNAME', 'shares_percent_of_total' LANGUAGE C WINDOW IMMUTABLE PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.percent_of_total(@extschema@.amount, int4) IS 'Window function: the row''s percentage of its partition''s total to digits decimals, adding up to exactly 100 per partition (as round_percents)';

CREATE FUNCTION @extschema@.allocate(total @extschema@.amount, weights numeric[]) RETURNS @extschema@.amount[]
    AS 'MODULE_PATHNAME', 'shares_allocate_numeric' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.allocate(@extschema@.amount, numeric[]) IS 'Split total into whole cents in proportion to non-negative exact weights, adding up to exactly total (largest remainder; ties to the larger weight, then the earlier element)';

CREATE FUNCTION @extschema@.allocate(total @extschema@.amount, weights @extschema@.amount[]) RETURNS @extschema@.amount[]
    AS 'MODULE_PATHNAME', 'shares_allocate_amount' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.allocate(@extschema@.amount, @extschema@.amount[]) IS 'Split total into whole cents in proportion to non-negative amounts, adding up to exactly total (largest remainder)';

CREATE FUNCTION @extschema@.allocate(total @extschema@.amount, weight numeric) RETURNS @extschema@.amount
    AS 'MODULE_PATHNAME', 'shares_allocate_window_numeric' LANGUAGE C WINDOW IMMUTABLE PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.allocate(@extschema@.amount, numeric) IS 'Window function: the row''s cents of total (the same on every row) split over the partition in proportion to weight, adding up to exactly total';

CREATE FUNCTION @extschema@.allocate(total @extschema@.amount, weight @extschema@.amount) RETURNS @extschema@.amount
    AS 'MODULE_PATHNAME', 'shares_allocate_window_amount' LANGUAGE C WINDOW IMMUTABLE PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.allocate(@extschema@.amount, @extschema@.amount) IS 'Window function: the row''s cents of total (the same on every row) split over the partition in proportion to an amount, adding up to exactly total';
