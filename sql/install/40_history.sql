-- ===========================================================================
-- history: a per-year series of amounts, {2019:35000.00,2020:35000.00}
-- ===========================================================================

CREATE TYPE @extschema@.history;

CREATE FUNCTION @extschema@.history_in(cstring) RETURNS @extschema@.history
    AS 'MODULE_PATHNAME', 'history_in' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION @extschema@.history_out(@extschema@.history) RETURNS cstring
    AS 'MODULE_PATHNAME', 'history_out' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION @extschema@.history_recv(internal) RETURNS @extschema@.history
    AS 'MODULE_PATHNAME', 'history_recv' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION @extschema@.history_send(@extschema@.history) RETURNS bytea
    AS 'MODULE_PATHNAME', 'history_send' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;

CREATE TYPE @extschema@.history (
    INPUT = @extschema@.history_in,
    OUTPUT = @extschema@.history_out,
    RECEIVE = @extschema@.history_recv,
    SEND = @extschema@.history_send,
    INTERNALLENGTH = VARIABLE,
    ALIGNMENT = double,
    STORAGE = extended
);
COMMENT ON TYPE @extschema@.history IS 'Per-year series of amounts, years 1 to 9999 each at most once; text form {2019:35000.00,2020:35000.00}, {} when empty';
COMMENT ON FUNCTION @extschema@.history_in(cstring) IS 'Text input of history: {year:amount,...} in any year order, blanks allowed, amounts in the amount syntax (quoted when they contain a comma)';
COMMENT ON FUNCTION @extschema@.history_out(@extschema@.history) IS 'Canonical text output of history: years ascending, amounts with two decimals';
COMMENT ON FUNCTION @extschema@.history_recv(internal) IS 'Binary input of history (version byte, count, int4 year and int8 cents per year), checked like text input';
COMMENT ON FUNCTION @extschema@.history_send(@extschema@.history) IS 'Binary output of history (version byte, count, int4 year and int8 cents per year)';

CREATE FUNCTION @extschema@.history_error(text) RETURNS text
    AS 'MODULE_PATHNAME', 'history_error' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.history_error(text) IS 'The error that casting this text to history would raise, or NULL when it is a valid history (for quarantining bad rows)';

-- ---------------------------------------------------------------------------
-- Comparison: lexicographic on the (year, amount) pairs; btree and hash classes
-- ---------------------------------------------------------------------------
CREATE FUNCTION @extschema@.history_cmp(@extschema@.history, @extschema@.history) RETURNS int4
    AS 'MODULE_PATHNAME', 'history_cmp' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION @extschema@.history_eq(@extschema@.history, @extschema@.history) RETURNS boolean
    AS 'MODULE_PATHNAME', 'history_eq' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION @extschema@.history_ne(@extschema@.history, @extschema@.history) RETURNS boolean
    AS 'MODULE_PATHNAME', 'history_ne' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION @extschema@.history_lt(@extschema@.history, @extschema@.history) RETURNS boolean
    AS 'MODULE_PATHNAME', 'history_lt' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION @extschema@.history_le(@extschema@.history, @extschema@.history) RETURNS boolean
    AS 'MODULE_PATHNAME', 'history_le' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION @extschema@.history_gt(@extschema@.history, @extschema@.history) RETURNS boolean
    AS 'MODULE_PATHNAME', 'history_gt' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION @extschema@.history_ge(@extschema@.history, @extschema@.history) RETURNS boolean
    AS 'MODULE_PATHNAME', 'history_ge' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION @extschema@.history_hash(@extschema@.history) RETURNS int4
    AS 'MODULE_PATHNAME', 'history_hash' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION @extschema@.history_hash_extended(@extschema@.history, int8) RETURNS int8
    AS 'MODULE_PATHNAME', 'history_hash_extended' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.history_cmp(@extschema@.history, @extschema@.history) IS 'btree support: -1, 0 or 1, lexicographic on (year, amount) pairs';
COMMENT ON FUNCTION @extschema@.history_eq(@extschema@.history, @extschema@.history) IS 'Same years with the same amounts';
COMMENT ON FUNCTION @extschema@.history_ne(@extschema@.history, @extschema@.history) IS 'Not the same years with the same amounts';
COMMENT ON FUNCTION @extschema@.history_lt(@extschema@.history, @extschema@.history) IS 'Sorts before (lexicographic on (year, amount) pairs)';
COMMENT ON FUNCTION @extschema@.history_le(@extschema@.history, @extschema@.history) IS 'Sorts before or equal';
COMMENT ON FUNCTION @extschema@.history_gt(@extschema@.history, @extschema@.history) IS 'Sorts after';
COMMENT ON FUNCTION @extschema@.history_ge(@extschema@.history, @extschema@.history) IS 'Sorts after or equal';
COMMENT ON FUNCTION @extschema@.history_hash(@extschema@.history) IS 'hash support';
COMMENT ON FUNCTION @extschema@.history_hash_extended(@extschema@.history, int8) IS 'hash support, 64-bit seeded';

CREATE OPERATOR @extschema@.= (LEFTARG = @extschema@.history, RIGHTARG = @extschema@.history,
    FUNCTION = @extschema@.history_eq, COMMUTATOR = OPERATOR(@extschema@.=), NEGATOR = OPERATOR(@extschema@.<>),
    RESTRICT = eqsel, JOIN = eqjoinsel, HASHES, MERGES);
CREATE OPERATOR @extschema@.<> (LEFTARG = @extschema@.history, RIGHTARG = @extschema@.history,
    FUNCTION = @extschema@.history_ne, COMMUTATOR = OPERATOR(@extschema@.<>), NEGATOR = OPERATOR(@extschema@.=),
    RESTRICT = neqsel, JOIN = neqjoinsel);
CREATE OPERATOR @extschema@.< (LEFTARG = @extschema@.history, RIGHTARG = @extschema@.history,
    FUNCTION = @extschema@.history_lt, COMMUTATOR = OPERATOR(@extschema@.>), NEGATOR = OPERATOR(@extschema@.>=),
    RESTRICT = scalarltsel, JOIN = scalarltjoinsel);
CREATE OPERATOR @extschema@.<= (LEFTARG = @extschema@.history, RIGHTARG = @extschema@.history,
    FUNCTION = @extschema@.history_le, COMMUTATOR = OPERATOR(@extschema@.>=), NEGATOR = OPERATOR(@extschema@.>),
    RESTRICT = scalarlesel, JOIN = scalarlejoinsel);
CREATE OPERATOR @extschema@.> (LEFTARG = @extschema@.history, RIGHTARG = @extschema@.history,
    FUNCTION = @extschema@.history_gt, COMMUTATOR = OPERATOR(@extschema@.<), NEGATOR = OPERATOR(@extschema@.<=),
    RESTRICT = scalargtsel, JOIN = scalargtjoinsel);
CREATE OPERATOR @extschema@.>= (LEFTARG = @extschema@.history, RIGHTARG = @extschema@.history,
    FUNCTION = @extschema@.history_ge, COMMUTATOR = OPERATOR(@extschema@.<=), NEGATOR = OPERATOR(@extschema@.<),
    RESTRICT = scalargesel, JOIN = scalargejoinsel);
COMMENT ON OPERATOR @extschema@.= (@extschema@.history, @extschema@.history) IS 'equal';
COMMENT ON OPERATOR @extschema@.<> (@extschema@.history, @extschema@.history) IS 'not equal';
COMMENT ON OPERATOR @extschema@.< (@extschema@.history, @extschema@.history) IS 'less than';
COMMENT ON OPERATOR @extschema@.<= (@extschema@.history, @extschema@.history) IS 'less than or equal';
COMMENT ON OPERATOR @extschema@.> (@extschema@.history, @extschema@.history) IS 'greater than';
COMMENT ON OPERATOR @extschema@.>= (@extschema@.history, @extschema@.history) IS 'greater than or equal';

CREATE OPERATOR CLASS @extschema@.history_ops DEFAULT FOR TYPE @extschema@.history USING btree AS
    OPERATOR 1 @extschema@.<,
    OPERATOR 2 @extschema@.<=,
    OPERATOR 3 @extschema@.=,
    OPERATOR 4 @extschema@.>=,
    OPERATOR 5 @extschema@.>,
    FUNCTION 1 @extschema@.history_cmp(@extschema@.history, @extschema@.history);
CREATE OPERATOR CLASS @extschema@.history_hash_ops DEFAULT FOR TYPE @extschema@.history USING hash AS
    OPERATOR 1 @extschema@.=,
    FUNCTION 1 @extschema@.history_hash(@extschema@.history),
    FUNCTION 2 @extschema@.history_hash_extended(@extschema@.history, int8);
COMMENT ON OPERATOR CLASS @extschema@.history_ops USING btree IS 'Default btree class of history (lexicographic on (year, amount) pairs)';
COMMENT ON OPERATOR CLASS @extschema@.history_hash_ops USING hash IS 'Default hash class of history';

-- ---------------------------------------------------------------------------
-- Constructors, casts and operators
-- ---------------------------------------------------------------------------
CREATE FUNCTION @extschema@.history(years int4[], amounts @extschema@.amount[]) RETURNS @extschema@.history
    AS 'MODULE_PATHNAME', 'history_from_arrays' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.history(int4[], @extschema@.amount[]) IS 'History from parallel arrays of years and amounts, in any order (22023 when a year repeats or lies outside 1..9999)';

CREATE FUNCTION @extschema@.to_jsonb(@extschema@.history) RETURNS jsonb
    AS 'MODULE_PATHNAME', 'history_to_jsonb' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION @extschema@.history(jsonb) RETURNS @extschema@.history
    AS 'MODULE_PATHNAME', 'history_from_jsonb' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.to_jsonb(@extschema@.history) IS 'History as a jsonb object of years to numbers with two decimals: {"2019": 35000.00}';
COMMENT ON FUNCTION @extschema@.history(jsonb) IS 'History from a jsonb object of years to numbers (at most two decimals) or amount text';
CREATE CAST (@extschema@.history AS jsonb) WITH FUNCTION @extschema@.to_jsonb(@extschema@.history);
CREATE CAST (jsonb AS @extschema@.history) WITH FUNCTION @extschema@.history(jsonb);
COMMENT ON CAST (@extschema@.history AS jsonb) IS 'History to a jsonb object {"year": amount}, explicit';
COMMENT ON CAST (jsonb AS @extschema@.history) IS 'jsonb object {"year": amount} to history, explicit';

CREATE FUNCTION @extschema@.history_plus(@extschema@.history, @extschema@.history) RETURNS @extschema@.history
    AS 'MODULE_PATHNAME', 'history_plus' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION @extschema@.history_get(@extschema@.history, int4) RETURNS @extschema@.amount
    AS 'MODULE_PATHNAME', 'history_get' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.history_plus(@extschema@.history, @extschema@.history) IS 'Year-by-year sum of two histories (22003 on overflow)';
COMMENT ON FUNCTION @extschema@.history_get(@extschema@.history, int4) IS 'The amount of one year, or NULL when the year is absent';
CREATE OPERATOR @extschema@.+ (LEFTARG = @extschema@.history, RIGHTARG = @extschema@.history,
    FUNCTION = @extschema@.history_plus, COMMUTATOR = OPERATOR(@extschema@.+));
CREATE OPERATOR @extschema@.-> (LEFTARG = @extschema@.history, RIGHTARG = int4,
    FUNCTION = @extschema@.history_get);
COMMENT ON OPERATOR @extschema@.+ (@extschema@.history, @extschema@.history) IS 'Year-by-year sum of two histories';
COMMENT ON OPERATOR @extschema@.-> (@extschema@.history, int4) IS 'The amount of one year, or NULL';

-- ---------------------------------------------------------------------------
-- Reading a history
-- ---------------------------------------------------------------------------
CREATE FUNCTION @extschema@.total(@extschema@.history) RETURNS @extschema@.amount
    AS 'MODULE_PATHNAME', 'history_total' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION @extschema@.first_year(@extschema@.history) RETURNS int4
    AS 'MODULE_PATHNAME', 'history_first_year' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION @extschema@.last_year(@extschema@.history) RETURNS int4
    AS 'MODULE_PATHNAME', 'history_last_year' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION @extschema@.years(@extschema@.history) RETURNS int4[]
    AS 'MODULE_PATHNAME', 'history_years' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION @extschema@.amounts(@extschema@.history) RETURNS @extschema@.amount[]
    AS 'MODULE_PATHNAME', 'history_amounts' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION @extschema@.unnest(@extschema@.history, OUT year int4, OUT amount @extschema@.amount)
    RETURNS SETOF record
    LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE ROWS 10
    AS $$ SELECT y, a FROM ROWS FROM (pg_catalog.unnest(@extschema@.years($1)), pg_catalog.unnest(@extschema@.amounts($1))) AS t(y, a) $$;
CREATE FUNCTION @extschema@.gaps(@extschema@.history) RETURNS int4[]
    AS 'MODULE_PATHNAME', 'history_gaps' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION @extschema@.streak(@extschema@.history) RETURNS int4
    AS 'MODULE_PATHNAME', 'history_streak' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION @extschema@.renewals(@extschema@.history) RETURNS int4
    AS 'MODULE_PATHNAME', 'history_renewals' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION @extschema@.renewed(@extschema@.history, year int4) RETURNS boolean
    AS 'MODULE_PATHNAME', 'history_renewed' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION @extschema@.change(@extschema@.history, year int4) RETURNS @extschema@.amount
    AS 'MODULE_PATHNAME', 'history_change' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION @extschema@.growth(@extschema@.history, year int4) RETURNS numeric
    AS 'MODULE_PATHNAME', 'history_growth' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION @extschema@.cagr(@extschema@.history) RETURNS numeric
    AS 'MODULE_PATHNAME', 'history_cagr' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION @extschema@.slice(@extschema@.history, from_year int4, to_year int4) RETURNS @extschema@.history
    AS 'MODULE_PATHNAME', 'history_slice' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION @extschema@.rolling_total(@extschema@.history, year int4, n int4) RETURNS @extschema@.amount
    AS 'MODULE_PATHNAME', 'history_rolling_total' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION @extschema@.deflate(@extschema@.history, index @extschema@.history, base_year int4) RETURNS @extschema@.history
    AS 'MODULE_PATHNAME', 'history_deflate' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION @extschema@.sparkline(@extschema@.history) RETURNS text
    AS 'MODULE_PATHNAME', 'history_sparkline' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.total(@extschema@.history) IS 'Sum of all years (0.00 for {}; 22003 on overflow)';
COMMENT ON FUNCTION @extschema@.first_year(@extschema@.history) IS 'First year, NULL for {}';
COMMENT ON FUNCTION @extschema@.last_year(@extschema@.history) IS 'Last year, NULL for {}';
COMMENT ON FUNCTION @extschema@.years(@extschema@.history) IS 'The years, ascending';
COMMENT ON FUNCTION @extschema@.amounts(@extschema@.history) IS 'The amounts, in year order';
COMMENT ON FUNCTION @extschema@.unnest(@extschema@.history) IS 'One row (year, amount) per year, ascending';
COMMENT ON FUNCTION @extschema@.gaps(@extschema@.history) IS 'Unfunded years between the first and the last year';
COMMENT ON FUNCTION @extschema@.streak(@extschema@.history) IS 'Number of consecutive funded years ending at the last year (0 for {})';
COMMENT ON FUNCTION @extschema@.renewals(@extschema@.history) IS 'Number of years whose amount equals the previous year''s';
COMMENT ON FUNCTION @extschema@.renewed(@extschema@.history, int4) IS 'Whether the year has the same amount as the year before (false when either is absent)';
COMMENT ON FUNCTION @extschema@.change(@extschema@.history, int4) IS 'Amount of the year minus that of the year before; NULL when either is absent';
COMMENT ON FUNCTION @extschema@.growth(@extschema@.history, int4) IS 'Change over the previous year''s amount, as a fraction (exact or 20 significant digits); NULL when undefined';
COMMENT ON FUNCTION @extschema@.cagr(@extschema@.history) IS 'Compound annual growth rate from the first to the last year, to 12 decimals; NULL when undefined';
COMMENT ON FUNCTION @extschema@.slice(@extschema@.history, int4, int4) IS 'The years from_year to to_year, inclusive';
COMMENT ON FUNCTION @extschema@.rolling_total(@extschema@.history, int4, int4) IS 'Total of the n years ending at year (the window of EU de minimis ceilings)';
COMMENT ON FUNCTION @extschema@.deflate(@extschema@.history, @extschema@.history, int4) IS 'Constant money of base_year: amount * index[base_year] / index[year], rounded half away from zero to the cent';
COMMENT ON FUNCTION @extschema@.sparkline(@extschema@.history) IS 'One block character per year from first to last, scaled to the maximum (a space for a gap)';

-- ---------------------------------------------------------------------------
-- Spreading a multi-year amount over calendar years
-- ---------------------------------------------------------------------------
CREATE FUNCTION @extschema@.spread(total @extschema@.amount, period daterange) RETURNS @extschema@.history
    AS 'MODULE_PATHNAME', 'history_spread_range' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION @extschema@.spread(total @extschema@.amount, first_year int4, last_year int4) RETURNS @extschema@.history
    AS 'MODULE_PATHNAME', 'history_spread_years' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.spread(@extschema@.amount, daterange) IS 'Pro rata temporis: the total split over the calendar years of the period in proportion to their days, cent-exact (largest remainder)';
COMMENT ON FUNCTION @extschema@.spread(@extschema@.amount, int4, int4) IS 'The total split in equal yearly parts, cent-exact (the odd cents go to the earliest years)';

-- ---------------------------------------------------------------------------
-- Aggregates: the state is a history (text I/O), updated in place
-- ---------------------------------------------------------------------------
CREATE FUNCTION @extschema@.history_agg_trans(@extschema@.history, int4, @extschema@.amount) RETURNS @extschema@.history
    AS 'MODULE_PATHNAME', 'history_agg_trans' LANGUAGE C IMMUTABLE PARALLEL SAFE;
CREATE FUNCTION @extschema@.history_combine(@extschema@.history, @extschema@.history) RETURNS @extschema@.history
    AS 'MODULE_PATHNAME', 'history_combine' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION @extschema@.history_agg_final(@extschema@.history) RETURNS @extschema@.history
    AS 'MODULE_PATHNAME', 'history_agg_final' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.history_agg_trans(@extschema@.history, int4, @extschema@.amount) IS 'Transition function of history_agg (aggregate use only)';
COMMENT ON FUNCTION @extschema@.history_combine(@extschema@.history, @extschema@.history) IS 'Combine function of history_agg and history_sum, transition function of history_sum (aggregate use only)';
COMMENT ON FUNCTION @extschema@.history_agg_final(@extschema@.history) IS 'Final function of history_agg and history_sum: the state without spare room';

CREATE AGGREGATE @extschema@.history_agg(year int4, amount @extschema@.amount) (
    SFUNC = @extschema@.history_agg_trans,
    STYPE = @extschema@.history,
    COMBINEFUNC = @extschema@.history_combine,
    FINALFUNC = @extschema@.history_agg_final,
    PARALLEL = SAFE
);
COMMENT ON AGGREGATE @extschema@.history_agg(int4, @extschema@.amount) IS 'History of the amounts by year, summing the amounts of a year; NULL amounts are ignored (22003 on overflow)';

CREATE AGGREGATE @extschema@.history_sum(@extschema@.history) (
    SFUNC = @extschema@.history_combine,
    STYPE = @extschema@.history,
    COMBINEFUNC = @extschema@.history_combine,
    FINALFUNC = @extschema@.history_agg_final,
    PARALLEL = SAFE
);
COMMENT ON AGGREGATE @extschema@.history_sum(@extschema@.history) IS 'Year-by-year sum of histories, for rollups of rollups; NULLs are ignored (22003 on overflow)';
