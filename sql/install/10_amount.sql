-- ===========================================================================
-- amount: exact money, a signed int64 count of cents, passed by value
-- ===========================================================================

CREATE TYPE @extschema@.amount;

CREATE FUNCTION @extschema@.amount_in(cstring) RETURNS @extschema@.amount
    AS 'MODULE_PATHNAME', 'amount_in' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION @extschema@.amount_out(@extschema@.amount) RETURNS cstring
    AS 'MODULE_PATHNAME', 'amount_out' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION @extschema@.amount_recv(internal) RETURNS @extschema@.amount
    AS 'MODULE_PATHNAME', 'amount_recv' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION @extschema@.amount_send(@extschema@.amount) RETURNS bytea
    AS 'MODULE_PATHNAME', 'amount_send' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;

CREATE TYPE @extschema@.amount (
    INPUT = @extschema@.amount_in,
    OUTPUT = @extschema@.amount_out,
    RECEIVE = @extschema@.amount_recv,
    SEND = @extschema@.amount_send,
    INTERNALLENGTH = 8,
    PASSEDBYVALUE,
    ALIGNMENT = double,
    STORAGE = plain,
    CATEGORY = 'N'
);
COMMENT ON TYPE @extschema@.amount IS 'Exact sum of money: a signed count of cents (range +-92233720368547758.07); text form -1234.50';
COMMENT ON FUNCTION @extschema@.amount_in(cstring) IS 'Text input of amount: digits, optional sign, blanks or apostrophes between groups of three, "." or "," with at most two decimals, optional euro sign or EUR';
COMMENT ON FUNCTION @extschema@.amount_out(@extschema@.amount) IS 'Canonical text output of amount: no grouping, two decimals, e.g. -1234.50';
COMMENT ON FUNCTION @extschema@.amount_recv(internal) IS 'Binary input of amount (int8 cents), range-checked';
COMMENT ON FUNCTION @extschema@.amount_send(@extschema@.amount) IS 'Binary output of amount (int8 cents)';

-- ---------------------------------------------------------------------------
-- Validation and locale-aware text
-- ---------------------------------------------------------------------------
CREATE FUNCTION @extschema@.amount_error(text) RETURNS text
    AS 'MODULE_PATHNAME', 'amount_error' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.amount_error(text) IS 'The error that casting this text to amount would raise, or NULL when it is a valid amount (for quarantining bad rows)';

CREATE FUNCTION @extschema@.parse_amount(text, locale text) RETURNS @extschema@.amount
    AS 'MODULE_PATHNAME', 'parse_amount' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.parse_amount(text, text) IS 'Read an amount written in a locale''s conventions: fr (753 091,50 followed by the euro sign), de (753.091,50), en (753,091.50), ch (753''091.50)';

CREATE FUNCTION @extschema@.parse_amount_error(text, locale text) RETURNS text
    AS 'MODULE_PATHNAME', 'parse_amount_error' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.parse_amount_error(text, text) IS 'The error that parse_amount(text, locale) would raise, or NULL when the text is valid in that locale';

CREATE FUNCTION @extschema@.format_amount(@extschema@.amount, locale text DEFAULT 'fr') RETURNS text
    AS 'MODULE_PATHNAME', 'format_amount' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.format_amount(@extschema@.amount, text) IS 'Write an amount in a locale''s conventions: fr 753 091,00 and the euro sign (U+202F groups, U+00A0 before the sign), de 753.091,00 and the euro sign, en 753,091.00, ch 753''091.00';

-- ---------------------------------------------------------------------------
-- Arithmetic: exact, overflow-checked (22003); products and quotients with
-- numeric or integers round half away from zero to the cent
-- ---------------------------------------------------------------------------
CREATE FUNCTION @extschema@.amount_pl(@extschema@.amount, @extschema@.amount) RETURNS @extschema@.amount
    AS 'MODULE_PATHNAME', 'amount_pl' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION @extschema@.amount_mi(@extschema@.amount, @extschema@.amount) RETURNS @extschema@.amount
    AS 'MODULE_PATHNAME', 'amount_mi' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION @extschema@.amount_um(@extschema@.amount) RETURNS @extschema@.amount
    AS 'MODULE_PATHNAME', 'amount_um' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION @extschema@.abs(@extschema@.amount) RETURNS @extschema@.amount
    AS 'MODULE_PATHNAME', 'amount_abs' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION @extschema@.amount_mul_int4(@extschema@.amount, int4) RETURNS @extschema@.amount
    AS 'MODULE_PATHNAME', 'amount_mul_int4' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION @extschema@.int4_mul_amount(int4, @extschema@.amount) RETURNS @extschema@.amount
    AS 'MODULE_PATHNAME', 'int4_mul_amount' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION @extschema@.amount_mul_int8(@extschema@.amount, int8) RETURNS @extschema@.amount
    AS 'MODULE_PATHNAME', 'amount_mul_int8' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION @extschema@.int8_mul_amount(int8, @extschema@.amount) RETURNS @extschema@.amount
    AS 'MODULE_PATHNAME', 'int8_mul_amount' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION @extschema@.amount_mul_numeric(@extschema@.amount, numeric) RETURNS @extschema@.amount
    AS 'MODULE_PATHNAME', 'amount_mul_numeric' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION @extschema@.numeric_mul_amount(numeric, @extschema@.amount) RETURNS @extschema@.amount
    AS 'MODULE_PATHNAME', 'numeric_mul_amount' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION @extschema@.amount_div_int4(@extschema@.amount, int4) RETURNS @extschema@.amount
    AS 'MODULE_PATHNAME', 'amount_div_int4' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION @extschema@.amount_div_int8(@extschema@.amount, int8) RETURNS @extschema@.amount
    AS 'MODULE_PATHNAME', 'amount_div_int8' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION @extschema@.amount_div_numeric(@extschema@.amount, numeric) RETURNS @extschema@.amount
    AS 'MODULE_PATHNAME', 'amount_div_numeric' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION @extschema@.amount_div_amount(@extschema@.amount, @extschema@.amount) RETURNS numeric
    AS 'MODULE_PATHNAME', 'amount_div_amount' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;

COMMENT ON FUNCTION @extschema@.amount_pl(@extschema@.amount, @extschema@.amount) IS 'amount + amount, exact (22003 on overflow)';
COMMENT ON FUNCTION @extschema@.amount_mi(@extschema@.amount, @extschema@.amount) IS 'amount - amount, exact (22003 on overflow)';
COMMENT ON FUNCTION @extschema@.amount_um(@extschema@.amount) IS 'Negation of an amount';
COMMENT ON FUNCTION @extschema@.abs(@extschema@.amount) IS 'Absolute value of an amount';
COMMENT ON FUNCTION @extschema@.amount_mul_int4(@extschema@.amount, int4) IS 'amount * integer, exact (22003 on overflow)';
COMMENT ON FUNCTION @extschema@.int4_mul_amount(int4, @extschema@.amount) IS 'integer * amount, exact (22003 on overflow)';
COMMENT ON FUNCTION @extschema@.amount_mul_int8(@extschema@.amount, int8) IS 'amount * bigint, exact (22003 on overflow)';
COMMENT ON FUNCTION @extschema@.int8_mul_amount(int8, @extschema@.amount) IS 'bigint * amount, exact (22003 on overflow)';
COMMENT ON FUNCTION @extschema@.amount_mul_numeric(@extschema@.amount, numeric) IS 'amount * numeric, rounded half away from zero to the cent';
COMMENT ON FUNCTION @extschema@.numeric_mul_amount(numeric, @extschema@.amount) IS 'numeric * amount, rounded half away from zero to the cent';
COMMENT ON FUNCTION @extschema@.amount_div_int4(@extschema@.amount, int4) IS 'amount / integer, rounded half away from zero to the cent (22012 on zero)';
COMMENT ON FUNCTION @extschema@.amount_div_int8(@extschema@.amount, int8) IS 'amount / bigint, rounded half away from zero to the cent (22012 on zero)';
COMMENT ON FUNCTION @extschema@.amount_div_numeric(@extschema@.amount, numeric) IS 'amount / numeric, rounded half away from zero to the cent, computed exactly (22012 on zero)';
COMMENT ON FUNCTION @extschema@.amount_div_amount(@extschema@.amount, @extschema@.amount) IS 'amount / amount: the ratio as numeric, exact or to 20 significant digits (22012 on zero)';

CREATE OPERATOR @extschema@.+ (LEFTARG = @extschema@.amount, RIGHTARG = @extschema@.amount,
    FUNCTION = @extschema@.amount_pl, COMMUTATOR = OPERATOR(@extschema@.+));
CREATE OPERATOR @extschema@.- (LEFTARG = @extschema@.amount, RIGHTARG = @extschema@.amount,
    FUNCTION = @extschema@.amount_mi);
CREATE OPERATOR @extschema@.- (RIGHTARG = @extschema@.amount, FUNCTION = @extschema@.amount_um);
CREATE OPERATOR @extschema@.* (LEFTARG = @extschema@.amount, RIGHTARG = int4,
    FUNCTION = @extschema@.amount_mul_int4, COMMUTATOR = OPERATOR(@extschema@.*));
CREATE OPERATOR @extschema@.* (LEFTARG = int4, RIGHTARG = @extschema@.amount,
    FUNCTION = @extschema@.int4_mul_amount, COMMUTATOR = OPERATOR(@extschema@.*));
CREATE OPERATOR @extschema@.* (LEFTARG = @extschema@.amount, RIGHTARG = int8,
    FUNCTION = @extschema@.amount_mul_int8, COMMUTATOR = OPERATOR(@extschema@.*));
CREATE OPERATOR @extschema@.* (LEFTARG = int8, RIGHTARG = @extschema@.amount,
    FUNCTION = @extschema@.int8_mul_amount, COMMUTATOR = OPERATOR(@extschema@.*));
CREATE OPERATOR @extschema@.* (LEFTARG = @extschema@.amount, RIGHTARG = numeric,
    FUNCTION = @extschema@.amount_mul_numeric, COMMUTATOR = OPERATOR(@extschema@.*));
CREATE OPERATOR @extschema@.* (LEFTARG = numeric, RIGHTARG = @extschema@.amount,
    FUNCTION = @extschema@.numeric_mul_amount, COMMUTATOR = OPERATOR(@extschema@.*));
CREATE OPERATOR @extschema@./ (LEFTARG = @extschema@.amount, RIGHTARG = int4,
    FUNCTION = @extschema@.amount_div_int4);
CREATE OPERATOR @extschema@./ (LEFTARG = @extschema@.amount, RIGHTARG = int8,
    FUNCTION = @extschema@.amount_div_int8);
CREATE OPERATOR @extschema@./ (LEFTARG = @extschema@.amount, RIGHTARG = numeric,
    FUNCTION = @extschema@.amount_div_numeric);
CREATE OPERATOR @extschema@./ (LEFTARG = @extschema@.amount, RIGHTARG = @extschema@.amount,
    FUNCTION = @extschema@.amount_div_amount);

COMMENT ON OPERATOR @extschema@.+ (@extschema@.amount, @extschema@.amount) IS 'Sum of two amounts';
COMMENT ON OPERATOR @extschema@.- (@extschema@.amount, @extschema@.amount) IS 'Difference of two amounts';
COMMENT ON OPERATOR @extschema@.- (NONE, @extschema@.amount) IS 'Negation';
COMMENT ON OPERATOR @extschema@.* (@extschema@.amount, int4) IS 'Amount times an integer';
COMMENT ON OPERATOR @extschema@.* (int4, @extschema@.amount) IS 'Integer times an amount';
COMMENT ON OPERATOR @extschema@.* (@extschema@.amount, int8) IS 'Amount times a bigint';
COMMENT ON OPERATOR @extschema@.* (int8, @extschema@.amount) IS 'Bigint times an amount';
COMMENT ON OPERATOR @extschema@.* (@extschema@.amount, numeric) IS 'Amount times a numeric, rounded to the cent';
COMMENT ON OPERATOR @extschema@.* (numeric, @extschema@.amount) IS 'Numeric times an amount, rounded to the cent';
COMMENT ON OPERATOR @extschema@./ (@extschema@.amount, int4) IS 'Amount divided by an integer, rounded to the cent';
COMMENT ON OPERATOR @extschema@./ (@extschema@.amount, int8) IS 'Amount divided by a bigint, rounded to the cent';
COMMENT ON OPERATOR @extschema@./ (@extschema@.amount, numeric) IS 'Amount divided by a numeric, rounded to the cent';
COMMENT ON OPERATOR @extschema@./ (@extschema@.amount, @extschema@.amount) IS 'Ratio of two amounts (numeric)';

-- ---------------------------------------------------------------------------
-- Casts: integers and numeric to amount on assignment, amount to numeric explicitly
-- ---------------------------------------------------------------------------
CREATE FUNCTION @extschema@.amount(int4) RETURNS @extschema@.amount
    AS 'MODULE_PATHNAME', 'amount_from_int4' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION @extschema@.amount(int8) RETURNS @extschema@.amount
    AS 'MODULE_PATHNAME', 'amount_from_int8' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION @extschema@.amount(numeric) RETURNS @extschema@.amount
    AS 'MODULE_PATHNAME', 'amount_from_numeric' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION @extschema@.to_numeric(@extschema@.amount) RETURNS numeric
    AS 'MODULE_PATHNAME', 'amount_to_numeric' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION @extschema@.cents(@extschema@.amount) RETURNS int8
    AS 'MODULE_PATHNAME', 'amount_cents' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION @extschema@.amount_from_cents(int8) RETURNS @extschema@.amount
    AS 'MODULE_PATHNAME', 'amount_from_cents' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.amount(int4) IS 'Whole units as an amount (cast from integer)';
COMMENT ON FUNCTION @extschema@.amount(int8) IS 'Whole units as an amount (cast from bigint; 22003 out of range)';
COMMENT ON FUNCTION @extschema@.amount(numeric) IS 'Numeric as an amount, rounded half away from zero to the cent (cast from numeric; 22003 out of range)';
COMMENT ON FUNCTION @extschema@.to_numeric(@extschema@.amount) IS 'The amount as an exact numeric with two decimals (same as amount::numeric)';
COMMENT ON FUNCTION @extschema@.cents(@extschema@.amount) IS 'The amount as a whole number of cents';
COMMENT ON FUNCTION @extschema@.amount_from_cents(int8) IS 'The amount of that many cents';

CREATE CAST (int4 AS @extschema@.amount) WITH FUNCTION @extschema@.amount(int4) AS ASSIGNMENT;
CREATE CAST (int8 AS @extschema@.amount) WITH FUNCTION @extschema@.amount(int8) AS ASSIGNMENT;
CREATE CAST (numeric AS @extschema@.amount) WITH FUNCTION @extschema@.amount(numeric) AS ASSIGNMENT;
CREATE CAST (@extschema@.amount AS numeric) WITH FUNCTION @extschema@.to_numeric(@extschema@.amount);
COMMENT ON CAST (int4 AS @extschema@.amount) IS 'Whole units to amount, on assignment';
COMMENT ON CAST (int8 AS @extschema@.amount) IS 'Whole units to amount, on assignment';
COMMENT ON CAST (numeric AS @extschema@.amount) IS 'Numeric to amount rounded half away from zero to the cent, on assignment';
COMMENT ON CAST (@extschema@.amount AS numeric) IS 'Amount to exact numeric, explicit only';

-- ---------------------------------------------------------------------------
-- Comparison: the int8 order of cents, so int8's C functions serve as they are
-- ---------------------------------------------------------------------------
CREATE FUNCTION @extschema@.amount_eq(@extschema@.amount, @extschema@.amount) RETURNS boolean
    AS 'int8eq' LANGUAGE internal IMMUTABLE STRICT PARALLEL SAFE LEAKPROOF;
CREATE FUNCTION @extschema@.amount_ne(@extschema@.amount, @extschema@.amount) RETURNS boolean
    AS 'int8ne' LANGUAGE internal IMMUTABLE STRICT PARALLEL SAFE LEAKPROOF;
CREATE FUNCTION @extschema@.amount_lt(@extschema@.amount, @extschema@.amount) RETURNS boolean
    AS 'int8lt' LANGUAGE internal IMMUTABLE STRICT PARALLEL SAFE LEAKPROOF;
CREATE FUNCTION @extschema@.amount_le(@extschema@.amount, @extschema@.amount) RETURNS boolean
    AS 'int8le' LANGUAGE internal IMMUTABLE STRICT PARALLEL SAFE LEAKPROOF;
CREATE FUNCTION @extschema@.amount_gt(@extschema@.amount, @extschema@.amount) RETURNS boolean
    AS 'int8gt' LANGUAGE internal IMMUTABLE STRICT PARALLEL SAFE LEAKPROOF;
CREATE FUNCTION @extschema@.amount_ge(@extschema@.amount, @extschema@.amount) RETURNS boolean
    AS 'int8ge' LANGUAGE internal IMMUTABLE STRICT PARALLEL SAFE LEAKPROOF;
CREATE FUNCTION @extschema@.amount_cmp(@extschema@.amount, @extschema@.amount) RETURNS int4
    AS 'btint8cmp' LANGUAGE internal IMMUTABLE STRICT PARALLEL SAFE LEAKPROOF;
CREATE FUNCTION @extschema@.amount_sortsupport(internal) RETURNS void
    AS 'btint8sortsupport' LANGUAGE internal IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION @extschema@.amount_hash(@extschema@.amount) RETURNS int4
    AS 'hashint8' LANGUAGE internal IMMUTABLE STRICT PARALLEL SAFE LEAKPROOF;
CREATE FUNCTION @extschema@.amount_hash_extended(@extschema@.amount, int8) RETURNS int8
    AS 'hashint8extended' LANGUAGE internal IMMUTABLE STRICT PARALLEL SAFE LEAKPROOF;
CREATE FUNCTION @extschema@.amount_smaller(@extschema@.amount, @extschema@.amount) RETURNS @extschema@.amount
    AS 'int8smaller' LANGUAGE internal IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION @extschema@.amount_larger(@extschema@.amount, @extschema@.amount) RETURNS @extschema@.amount
    AS 'int8larger' LANGUAGE internal IMMUTABLE STRICT PARALLEL SAFE;

COMMENT ON FUNCTION @extschema@.amount_eq(@extschema@.amount, @extschema@.amount) IS 'amount = amount';
COMMENT ON FUNCTION @extschema@.amount_ne(@extschema@.amount, @extschema@.amount) IS 'amount <> amount';
COMMENT ON FUNCTION @extschema@.amount_lt(@extschema@.amount, @extschema@.amount) IS 'amount < amount';
COMMENT ON FUNCTION @extschema@.amount_le(@extschema@.amount, @extschema@.amount) IS 'amount <= amount';
COMMENT ON FUNCTION @extschema@.amount_gt(@extschema@.amount, @extschema@.amount) IS 'amount > amount';
COMMENT ON FUNCTION @extschema@.amount_ge(@extschema@.amount, @extschema@.amount) IS 'amount >= amount';
COMMENT ON FUNCTION @extschema@.amount_cmp(@extschema@.amount, @extschema@.amount) IS 'Three-way comparison of amounts (btree support)';
COMMENT ON FUNCTION @extschema@.amount_sortsupport(internal) IS 'Sort support for amounts (btree support)';
COMMENT ON FUNCTION @extschema@.amount_hash(@extschema@.amount) IS 'Hash of an amount (hash support)';
COMMENT ON FUNCTION @extschema@.amount_hash_extended(@extschema@.amount, int8) IS 'Seeded 64-bit hash of an amount (hash support)';
COMMENT ON FUNCTION @extschema@.amount_smaller(@extschema@.amount, @extschema@.amount) IS 'The smaller of two amounts (min support)';
COMMENT ON FUNCTION @extschema@.amount_larger(@extschema@.amount, @extschema@.amount) IS 'The larger of two amounts (max support)';

CREATE OPERATOR @extschema@.= (LEFTARG = @extschema@.amount, RIGHTARG = @extschema@.amount,
    FUNCTION = @extschema@.amount_eq, COMMUTATOR = OPERATOR(@extschema@.=), NEGATOR = OPERATOR(@extschema@.<>),
    RESTRICT = eqsel, JOIN = eqjoinsel, HASHES, MERGES);
CREATE OPERATOR @extschema@.<> (LEFTARG = @extschema@.amount, RIGHTARG = @extschema@.amount,
    FUNCTION = @extschema@.amount_ne, COMMUTATOR = OPERATOR(@extschema@.<>), NEGATOR = OPERATOR(@extschema@.=),
    RESTRICT = neqsel, JOIN = neqjoinsel);
CREATE OPERATOR @extschema@.< (LEFTARG = @extschema@.amount, RIGHTARG = @extschema@.amount,
    FUNCTION = @extschema@.amount_lt, COMMUTATOR = OPERATOR(@extschema@.>), NEGATOR = OPERATOR(@extschema@.>=),
    RESTRICT = scalarltsel, JOIN = scalarltjoinsel);
CREATE OPERATOR @extschema@.<= (LEFTARG = @extschema@.amount, RIGHTARG = @extschema@.amount,
    FUNCTION = @extschema@.amount_le, COMMUTATOR = OPERATOR(@extschema@.>=), NEGATOR = OPERATOR(@extschema@.>),
    RESTRICT = scalarlesel, JOIN = scalarlejoinsel);
CREATE OPERATOR @extschema@.> (LEFTARG = @extschema@.amount, RIGHTARG = @extschema@.amount,
    FUNCTION = @extschema@.amount_gt, COMMUTATOR = OPERATOR(@extschema@.<), NEGATOR = OPERATOR(@extschema@.<=),
    RESTRICT = scalargtsel, JOIN = scalargtjoinsel);
CREATE OPERATOR @extschema@.>= (LEFTARG = @extschema@.amount, RIGHTARG = @extschema@.amount,
    FUNCTION = @extschema@.amount_ge, COMMUTATOR = OPERATOR(@extschema@.<=), NEGATOR = OPERATOR(@extschema@.<),
    RESTRICT = scalargesel, JOIN = scalargejoinsel);
COMMENT ON OPERATOR @extschema@.= (@extschema@.amount, @extschema@.amount) IS 'equal';
COMMENT ON OPERATOR @extschema@.<> (@extschema@.amount, @extschema@.amount) IS 'not equal';
COMMENT ON OPERATOR @extschema@.< (@extschema@.amount, @extschema@.amount) IS 'less than';
COMMENT ON OPERATOR @extschema@.<= (@extschema@.amount, @extschema@.amount) IS 'less than or equal';
COMMENT ON OPERATOR @extschema@.> (@extschema@.amount, @extschema@.amount) IS 'greater than';
COMMENT ON OPERATOR @extschema@.>= (@extschema@.amount, @extschema@.amount) IS 'greater than or equal';

CREATE OPERATOR CLASS @extschema@.amount_ops DEFAULT FOR TYPE @extschema@.amount USING btree AS
    OPERATOR 1 @extschema@.<,
    OPERATOR 2 @extschema@.<=,
    OPERATOR 3 @extschema@.=,
    OPERATOR 4 @extschema@.>=,
    OPERATOR 5 @extschema@.>,
    FUNCTION 1 @extschema@.amount_cmp(@extschema@.amount, @extschema@.amount),
    FUNCTION 2 @extschema@.amount_sortsupport(internal);
CREATE OPERATOR CLASS @extschema@.amount_hash_ops DEFAULT FOR TYPE @extschema@.amount USING hash AS
    OPERATOR 1 @extschema@.=,
    FUNCTION 1 @extschema@.amount_hash(@extschema@.amount),
    FUNCTION 2 @extschema@.amount_hash_extended(@extschema@.amount, int8);
COMMENT ON OPERATOR CLASS @extschema@.amount_ops USING btree IS 'Default btree class of amount (order of cents)';
COMMENT ON OPERATOR CLASS @extschema@.amount_hash_ops USING hash IS 'Default hash class of amount';

-- ---------------------------------------------------------------------------
-- Comparisons with integers and numerics, so that a = 35000, a > 0 and
-- a >= 1.5 resolve without an implicit cast (exact; not indexable: write
-- a >= 35000::amount to use an index)
-- ---------------------------------------------------------------------------
-- amount and int4
CREATE FUNCTION @extschema@.amount_eq_int4(@extschema@.amount, int4) RETURNS boolean AS 'MODULE_PATHNAME', 'amount_eq_int4' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.amount_eq_int4(@extschema@.amount, int4) IS 'amount = int4, compared exactly';
CREATE FUNCTION @extschema@.int4_eq_amount(int4, @extschema@.amount) RETURNS boolean AS 'MODULE_PATHNAME', 'int4_eq_amount' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.int4_eq_amount(int4, @extschema@.amount) IS 'int4 = amount, compared exactly';
CREATE FUNCTION @extschema@.amount_ne_int4(@extschema@.amount, int4) RETURNS boolean AS 'MODULE_PATHNAME', 'amount_ne_int4' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.amount_ne_int4(@extschema@.amount, int4) IS 'amount <> int4, compared exactly';
CREATE FUNCTION @extschema@.int4_ne_amount(int4, @extschema@.amount) RETURNS boolean AS 'MODULE_PATHNAME', 'int4_ne_amount' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.int4_ne_amount(int4, @extschema@.amount) IS 'int4 <> amount, compared exactly';
CREATE FUNCTION @extschema@.amount_lt_int4(@extschema@.amount, int4) RETURNS boolean AS 'MODULE_PATHNAME', 'amount_lt_int4' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.amount_lt_int4(@extschema@.amount, int4) IS 'amount < int4, compared exactly';
CREATE FUNCTION @extschema@.int4_lt_amount(int4, @extschema@.amount) RETURNS boolean AS 'MODULE_PATHNAME', 'int4_lt_amount' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.int4_lt_amount(int4, @extschema@.amount) IS 'int4 < amount, compared exactly';
CREATE FUNCTION @extschema@.amount_le_int4(@extschema@.amount, int4) RETURNS boolean AS 'MODULE_PATHNAME', 'amount_le_int4' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.amount_le_int4(@extschema@.amount, int4) IS 'amount <= int4, compared exactly';
CREATE FUNCTION @extschema@.int4_le_amount(int4, @extschema@.amount) RETURNS boolean AS 'MODULE_PATHNAME', 'int4_le_amount' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.int4_le_amount(int4, @extschema@.amount) IS 'int4 <= amount, compared exactly';
CREATE FUNCTION @extschema@.amount_gt_int4(@extschema@.amount, int4) RETURNS boolean AS 'MODULE_PATHNAME', 'amount_gt_int4' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.amount_gt_int4(@extschema@.amount, int4) IS 'amount > int4, compared exactly';
CREATE FUNCTION @extschema@.int4_gt_amount(int4, @extschema@.amount) RETURNS boolean AS 'MODULE_PATHNAME', 'int4_gt_amount' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.int4_gt_amount(int4, @extschema@.amount) IS 'int4 > amount, compared exactly';
CREATE FUNCTION @extschema@.amount_ge_int4(@extschema@.amount, int4) RETURNS boolean AS 'MODULE_PATHNAME', 'amount_ge_int4' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.amount_ge_int4(@extschema@.amount, int4) IS 'amount >= int4, compared exactly';
CREATE FUNCTION @extschema@.int4_ge_amount(int4, @extschema@.amount) RETURNS boolean AS 'MODULE_PATHNAME', 'int4_ge_amount' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.int4_ge_amount(int4, @extschema@.amount) IS 'int4 >= amount, compared exactly';
CREATE OPERATOR @extschema@.= (LEFTARG = @extschema@.amount, RIGHTARG = int4, FUNCTION = @extschema@.amount_eq_int4,
    COMMUTATOR = OPERATOR(@extschema@.=), NEGATOR = OPERATOR(@extschema@.<>), RESTRICT = eqsel, JOIN = eqjoinsel);
COMMENT ON OPERATOR @extschema@.= (@extschema@.amount, int4) IS 'equal, compared exactly';
CREATE OPERATOR @extschema@.= (LEFTARG = int4, RIGHTARG = @extschema@.amount, FUNCTION = @extschema@.int4_eq_amount,
    COMMUTATOR = OPERATOR(@extschema@.=), NEGATOR = OPERATOR(@extschema@.<>), RESTRICT = eqsel, JOIN = eqjoinsel);
COMMENT ON OPERATOR @extschema@.= (int4, @extschema@.amount) IS 'equal, compared exactly';
CREATE OPERATOR @extschema@.<> (LEFTARG = @extschema@.amount, RIGHTARG = int4, FUNCTION = @extschema@.amount_ne_int4,
    COMMUTATOR = OPERATOR(@extschema@.<>), NEGATOR = OPERATOR(@extschema@.=), RESTRICT = neqsel, JOIN = neqjoinsel);
COMMENT ON OPERATOR @extschema@.<> (@extschema@.amount, int4) IS 'not equal, compared exactly';
CREATE OPERATOR @extschema@.<> (LEFTARG = int4, RIGHTARG = @extschema@.amount, FUNCTION = @extschema@.int4_ne_amount,
    COMMUTATOR = OPERATOR(@extschema@.<>), NEGATOR = OPERATOR(@extschema@.=), RESTRICT = neqsel, JOIN = neqjoinsel);
COMMENT ON OPERATOR @extschema@.<> (int4, @extschema@.amount) IS 'not equal, compared exactly';
CREATE OPERATOR @extschema@.< (LEFTARG = @extschema@.amount, RIGHTARG = int4, FUNCTION = @extschema@.amount_lt_int4,
    COMMUTATOR = OPERATOR(@extschema@.>), NEGATOR = OPERATOR(@extschema@.>=), RESTRICT = scalarltsel, JOIN = scalarltjoinsel);
COMMENT ON OPERATOR @extschema@.< (@extschema@.amount, int4) IS 'less than, compared exactly';
CREATE OPERATOR @extschema@.< (LEFTARG = int4, RIGHTARG = @extschema@.amount, FUNCTION = @extschema@.int4_lt_amount,
    COMMUTATOR = OPERATOR(@extschema@.>), NEGATOR = OPERATOR(@extschema@.>=), RESTRICT = scalarltsel, JOIN = scalarltjoinsel);
COMMENT ON OPERATOR @extschema@.< (int4, @extschema@.amount) IS 'less than, compared exactly';
CREATE OPERATOR @extschema@.<= (LEFTARG = @extschema@.amount, RIGHTARG = int4, FUNCTION = @extschema@.amount_le_int4,
    COMMUTATOR = OPERATOR(@extschema@.>=), NEGATOR = OPERATOR(@extschema@.>), RESTRICT = scalarlesel, JOIN = scalarlejoinsel);
COMMENT ON OPERATOR @extschema@.<= (@extschema@.amount, int4) IS 'less than or equal, compared exactly';
CREATE OPERATOR @extschema@.<= (LEFTARG = int4, RIGHTARG = @extschema@.amount, FUNCTION = @extschema@.int4_le_amount,
    COMMUTATOR = OPERATOR(@extschema@.>=), NEGATOR = OPERATOR(@extschema@.>), RESTRICT = scalarlesel, JOIN = scalarlejoinsel);
COMMENT ON OPERATOR @extschema@.<= (int4, @extschema@.amount) IS 'less than or equal, compared exactly';
CREATE OPERATOR @extschema@.> (LEFTARG = @extschema@.amount, RIGHTARG = int4, FUNCTION = @extschema@.amount_gt_int4,
    COMMUTATOR = OPERATOR(@extschema@.<), NEGATOR = OPERATOR(@extschema@.<=), RESTRICT = scalargtsel, JOIN = scalargtjoinsel);
COMMENT ON OPERATOR @extschema@.> (@extschema@.amount, int4) IS 'greater than, compared exactly';
CREATE OPERATOR @extschema@.> (LEFTARG = int4, RIGHTARG = @extschema@.amount, FUNCTION = @extschema@.int4_gt_amount,
    COMMUTATOR = OPERATOR(@extschema@.<), NEGATOR = OPERATOR(@extschema@.<=), RESTRICT = scalargtsel, JOIN = scalargtjoinsel);
COMMENT ON OPERATOR @extschema@.> (int4, @extschema@.amount) IS 'greater than, compared exactly';
CREATE OPERATOR @extschema@.>= (LEFTARG = @extschema@.amount, RIGHTARG = int4, FUNCTION = @extschema@.amount_ge_int4,
    COMMUTATOR = OPERATOR(@extschema@.<=), NEGATOR = OPERATOR(@extschema@.<), RESTRICT = scalargesel, JOIN = scalargejoinsel);
COMMENT ON OPERATOR @extschema@.>= (@extschema@.amount, int4) IS 'greater than or equal, compared exactly';
CREATE OPERATOR @extschema@.>= (LEFTARG = int4, RIGHTARG = @extschema@.amount, FUNCTION = @extschema@.int4_ge_amount,
    COMMUTATOR = OPERATOR(@extschema@.<=), NEGATOR = OPERATOR(@extschema@.<), RESTRICT = scalargesel, JOIN = scalargejoinsel);
COMMENT ON OPERATOR @extschema@.>= (int4, @extschema@.amount) IS 'greater than or equal, compared exactly';
-- amount and int8
CREATE FUNCTION @extschema@.amount_eq_int8(@extschema@.amount, int8) RETURNS boolean AS 'MODULE_PATHNAME', 'amount_eq_int8' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.amount_eq_int8(@extschema@.amount, int8) IS 'amount = int8, compared exactly';
CREATE FUNCTION @extschema@.int8_eq_amount(int8, @extschema@.amount) RETURNS boolean AS 'MODULE_PATHNAME', 'int8_eq_amount' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.int8_eq_amount(int8, @extschema@.amount) IS 'int8 = amount, compared exactly';
CREATE FUNCTION @extschema@.amount_ne_int8(@extschema@.amount, int8) RETURNS boolean AS 'MODULE_PATHNAME', 'amount_ne_int8' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.amount_ne_int8(@extschema@.amount, int8) IS 'amount <> int8, compared exactly';
CREATE FUNCTION @extschema@.int8_ne_amount(int8, @extschema@.amount) RETURNS boolean AS 'MODULE_PATHNAME', 'int8_ne_amount' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.int8_ne_amount(int8, @extschema@.amount) IS 'int8 <> amount, compared exactly';
CREATE FUNCTION @extschema@.amount_lt_int8(@extschema@.amount, int8) RETURNS boolean AS 'MODULE_PATHNAME', 'amount_lt_int8' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.amount_lt_int8(@extschema@.amount, int8) IS 'amount < int8, compared exactly';
CREATE FUNCTION @extschema@.int8_lt_amount(int8, @extschema@.amount) RETURNS boolean AS 'MODULE_PATHNAME', 'int8_lt_amount' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.int8_lt_amount(int8, @extschema@.amount) IS 'int8 < amount, compared exactly';
CREATE FUNCTION @extschema@.amount_le_int8(@extschema@.amount, int8) RETURNS boolean AS 'MODULE_PATHNAME', 'amount_le_int8' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.amount_le_int8(@extschema@.amount, int8) IS 'amount <= int8, compared exactly';
CREATE FUNCTION @extschema@.int8_le_amount(int8, @extschema@.amount) RETURNS boolean AS 'MODULE_PATHNAME', 'int8_le_amount' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.int8_le_amount(int8, @extschema@.amount) IS 'int8 <= amount, compared exactly';
CREATE FUNCTION @extschema@.amount_gt_int8(@extschema@.amount, int8) RETURNS boolean AS 'MODULE_PATHNAME', 'amount_gt_int8' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.amount_gt_int8(@extschema@.amount, int8) IS 'amount > int8, compared exactly';
CREATE FUNCTION @extschema@.int8_gt_amount(int8, @extschema@.amount) RETURNS boolean AS 'MODULE_PATHNAME', 'int8_gt_amount' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.int8_gt_amount(int8, @extschema@.amount) IS 'int8 > amount, compared exactly';
CREATE FUNCTION @extschema@.amount_ge_int8(@extschema@.amount, int8) RETURNS boolean AS 'MODULE_PATHNAME', 'amount_ge_int8' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.amount_ge_int8(@extschema@.amount, int8) IS 'amount >= int8, compared exactly';
CREATE FUNCTION @extschema@.int8_ge_amount(int8, @extschema@.amount) RETURNS boolean AS 'MODULE_PATHNAME', 'int8_ge_amount' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.int8_ge_amount(int8, @extschema@.amount) IS 'int8 >= amount, compared exactly';
CREATE OPERATOR @extschema@.= (LEFTARG = @extschema@.amount, RIGHTARG = int8, FUNCTION = @extschema@.amount_eq_int8,
    COMMUTATOR = OPERATOR(@extschema@.=), NEGATOR = OPERATOR(@extschema@.<>), RESTRICT = eqsel, JOIN = eqjoinsel);
COMMENT ON OPERATOR @extschema@.= (@extschema@.amount, int8) IS 'equal, compared exactly';
CREATE OPERATOR @extschema@.= (LEFTARG = int8, RIGHTARG = @extschema@.amount, FUNCTION = @extschema@.int8_eq_amount,
    COMMUTATOR = OPERATOR(@extschema@.=), NEGATOR = OPERATOR(@extschema@.<>), RESTRICT = eqsel, JOIN = eqjoinsel);
COMMENT ON OPERATOR @extschema@.= (int8, @extschema@.amount) IS 'equal, compared exactly';
CREATE OPERATOR @extschema@.<> (LEFTARG = @extschema@.amount, RIGHTARG = int8, FUNCTION = @extschema@.amount_ne_int8,
    COMMUTATOR = OPERATOR(@extschema@.<>), NEGATOR = OPERATOR(@extschema@.=), RESTRICT = neqsel, JOIN = neqjoinsel);
COMMENT ON OPERATOR @extschema@.<> (@extschema@.amount, int8) IS 'not equal, compared exactly';
CREATE OPERATOR @extschema@.<> (LEFTARG = int8, RIGHTARG = @extschema@.amount, FUNCTION = @extschema@.int8_ne_amount,
    COMMUTATOR = OPERATOR(@extschema@.<>), NEGATOR = OPERATOR(@extschema@.=), RESTRICT = neqsel, JOIN = neqjoinsel);
COMMENT ON OPERATOR @extschema@.<> (int8, @extschema@.amount) IS 'not equal, compared exactly';
CREATE OPERATOR @extschema@.< (LEFTARG = @extschema@.amount, RIGHTARG = int8, FUNCTION = @extschema@.amount_lt_int8,
    COMMUTATOR = OPERATOR(@extschema@.>), NEGATOR = OPERATOR(@extschema@.>=), RESTRICT = scalarltsel, JOIN = scalarltjoinsel);
COMMENT ON OPERATOR @extschema@.< (@extschema@.amount, int8) IS 'less than, compared exactly';
CREATE OPERATOR @extschema@.< (LEFTARG = int8, RIGHTARG = @extschema@.amount, FUNCTION = @extschema@.int8_lt_amount,
    COMMUTATOR = OPERATOR(@extschema@.>), NEGATOR = OPERATOR(@extschema@.>=), RESTRICT = scalarltsel, JOIN = scalarltjoinsel);
COMMENT ON OPERATOR @extschema@.< (int8, @extschema@.amount) IS 'less than, compared exactly';
CREATE OPERATOR @extschema@.<= (LEFTARG = @extschema@.amount, RIGHTARG = int8, FUNCTION = @extschema@.amount_le_int8,
    COMMUTATOR = OPERATOR(@extschema@.>=), NEGATOR = OPERATOR(@extschema@.>), RESTRICT = scalarlesel, JOIN = scalarlejoinsel);
COMMENT ON OPERATOR @extschema@.<= (@extschema@.amount, int8) IS 'less than or equal, compared exactly';
CREATE OPERATOR @extschema@.<= (LEFTARG = int8, RIGHTARG = @extschema@.amount, FUNCTION = @extschema@.int8_le_amount,
    COMMUTATOR = OPERATOR(@extschema@.>=), NEGATOR = OPERATOR(@extschema@.>), RESTRICT = scalarlesel, JOIN = scalarlejoinsel);
COMMENT ON OPERATOR @extschema@.<= (int8, @extschema@.amount) IS 'less than or equal, compared exactly';
CREATE OPERATOR @extschema@.> (LEFTARG = @extschema@.amount, RIGHTARG = int8, FUNCTION = @extschema@.amount_gt_int8,
    COMMUTATOR = OPERATOR(@extschema@.<), NEGATOR = OPERATOR(@extschema@.<=), RESTRICT = scalargtsel, JOIN = scalargtjoinsel);
COMMENT ON OPERATOR @extschema@.> (@extschema@.amount, int8) IS 'greater than, compared exactly';
CREATE OPERATOR @extschema@.> (LEFTARG = int8, RIGHTARG = @extschema@.amount, FUNCTION = @extschema@.int8_gt_amount,
    COMMUTATOR = OPERATOR(@extschema@.<), NEGATOR = OPERATOR(@extschema@.<=), RESTRICT = scalargtsel, JOIN = scalargtjoinsel);
COMMENT ON OPERATOR @extschema@.> (int8, @extschema@.amount) IS 'greater than, compared exactly';
CREATE OPERATOR @extschema@.>= (LEFTARG = @extschema@.amount, RIGHTARG = int8, FUNCTION = @extschema@.amount_ge_int8,
    COMMUTATOR = OPERATOR(@extschema@.<=), NEGATOR = OPERATOR(@extschema@.<), RESTRICT = scalargesel, JOIN = scalargejoinsel);
COMMENT ON OPERATOR @extschema@.>= (@extschema@.amount, int8) IS 'greater than or equal, compared exactly';
CREATE OPERATOR @extschema@.>= (LEFTARG = int8, RIGHTARG = @extschema@.amount, FUNCTION = @extschema@.int8_ge_amount,
    COMMUTATOR = OPERATOR(@extschema@.<=), NEGATOR = OPERATOR(@extschema@.<), RESTRICT = scalargesel, JOIN = scalargejoinsel);
COMMENT ON OPERATOR @extschema@.>= (int8, @extschema@.amount) IS 'greater than or equal, compared exactly';
-- amount and numeric
CREATE FUNCTION @extschema@.amount_eq_numeric(@extschema@.amount, numeric) RETURNS boolean AS 'MODULE_PATHNAME', 'amount_eq_numeric' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.amount_eq_numeric(@extschema@.amount, numeric) IS 'amount = numeric, compared exactly';
CREATE FUNCTION @extschema@.numeric_eq_amount(numeric, @extschema@.amount) RETURNS boolean AS 'MODULE_PATHNAME', 'numeric_eq_amount' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.numeric_eq_amount(numeric, @extschema@.amount) IS 'numeric = amount, compared exactly';
CREATE FUNCTION @extschema@.amount_ne_numeric(@extschema@.amount, numeric) RETURNS boolean AS 'MODULE_PATHNAME', 'amount_ne_numeric' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.amount_ne_numeric(@extschema@.amount, numeric) IS 'amount <> numeric, compared exactly';
CREATE FUNCTION @extschema@.numeric_ne_amount(numeric, @extschema@.amount) RETURNS boolean AS 'MODULE_PATHNAME', 'numeric_ne_amount' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.numeric_ne_amount(numeric, @extschema@.amount) IS 'numeric <> amount, compared exactly';
CREATE FUNCTION @extschema@.amount_lt_numeric(@extschema@.amount, numeric) RETURNS boolean AS 'MODULE_PATHNAME', 'amount_lt_numeric' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.amount_lt_numeric(@extschema@.amount, numeric) IS 'amount < numeric, compared exactly';
CREATE FUNCTION @extschema@.numeric_lt_amount(numeric, @extschema@.amount) RETURNS boolean AS 'MODULE_PATHNAME', 'numeric_lt_amount' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.numeric_lt_amount(numeric, @extschema@.amount) IS 'numeric < amount, compared exactly';
CREATE FUNCTION @extschema@.amount_le_numeric(@extschema@.amount, numeric) RETURNS boolean AS 'MODULE_PATHNAME', 'amount_le_numeric' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.amount_le_numeric(@extschema@.amount, numeric) IS 'amount <= numeric, compared exactly';
CREATE FUNCTION @extschema@.numeric_le_amount(numeric, @extschema@.amount) RETURNS boolean AS 'MODULE_PATHNAME', 'numeric_le_amount' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.numeric_le_amount(numeric, @extschema@.amount) IS 'numeric <= amount, compared exactly';
CREATE FUNCTION @extschema@.amount_gt_numeric(@extschema@.amount, numeric) RETURNS boolean AS 'MODULE_PATHNAME', 'amount_gt_numeric' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.amount_gt_numeric(@extschema@.amount, numeric) IS 'amount > numeric, compared exactly';
CREATE FUNCTION @extschema@.numeric_gt_amount(numeric, @extschema@.amount) RETURNS boolean AS 'MODULE_PATHNAME', 'numeric_gt_amount' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.numeric_gt_amount(numeric, @extschema@.amount) IS 'numeric > amount, compared exactly';
CREATE FUNCTION @extschema@.amount_ge_numeric(@extschema@.amount, numeric) RETURNS boolean AS 'MODULE_PATHNAME', 'amount_ge_numeric' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.amount_ge_numeric(@extschema@.amount, numeric) IS 'amount >= numeric, compared exactly';
CREATE FUNCTION @extschema@.numeric_ge_amount(numeric, @extschema@.amount) RETURNS boolean AS 'MODULE_PATHNAME', 'numeric_ge_amount' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.numeric_ge_amount(numeric, @extschema@.amount) IS 'numeric >= amount, compared exactly';
CREATE OPERATOR @extschema@.= (LEFTARG = @extschema@.amount, RIGHTARG = numeric, FUNCTION = @extschema@.amount_eq_numeric,
    COMMUTATOR = OPERATOR(@extschema@.=), NEGATOR = OPERATOR(@extschema@.<>), RESTRICT = eqsel, JOIN = eqjoinsel);
COMMENT ON OPERATOR @extschema@.= (@extschema@.amount, numeric) IS 'equal, compared exactly';
CREATE OPERATOR @extschema@.= (LEFTARG = numeric, RIGHTARG = @extschema@.amount, FUNCTION = @extschema@.numeric_eq_amount,
    COMMUTATOR = OPERATOR(@extschema@.=), NEGATOR = OPERATOR(@extschema@.<>), RESTRICT = eqsel, JOIN = eqjoinsel);
COMMENT ON OPERATOR @extschema@.= (numeric, @extschema@.amount) IS 'equal, compared exactly';
CREATE OPERATOR @extschema@.<> (LEFTARG = @extschema@.amount, RIGHTARG = numeric, FUNCTION = @extschema@.amount_ne_numeric,
    COMMUTATOR = OPERATOR(@extschema@.<>), NEGATOR = OPERATOR(@extschema@.=), RESTRICT = neqsel, JOIN = neqjoinsel);
COMMENT ON OPERATOR @extschema@.<> (@extschema@.amount, numeric) IS 'not equal, compared exactly';
CREATE OPERATOR @extschema@.<> (LEFTARG = numeric, RIGHTARG = @extschema@.amount, FUNCTION = @extschema@.numeric_ne_amount,
    COMMUTATOR = OPERATOR(@extschema@.<>), NEGATOR = OPERATOR(@extschema@.=), RESTRICT = neqsel, JOIN = neqjoinsel);
COMMENT ON OPERATOR @extschema@.<> (numeric, @extschema@.amount) IS 'not equal, compared exactly';
CREATE OPERATOR @extschema@.< (LEFTARG = @extschema@.amount, RIGHTARG = numeric, FUNCTION = @extschema@.amount_lt_numeric,
    COMMUTATOR = OPERATOR(@extschema@.>), NEGATOR = OPERATOR(@extschema@.>=), RESTRICT = scalarltsel, JOIN = scalarltjoinsel);
COMMENT ON OPERATOR @extschema@.< (@extschema@.amount, numeric) IS 'less than, compared exactly';
CREATE OPERATOR @extschema@.< (LEFTARG = numeric, RIGHTARG = @extschema@.amount, FUNCTION = @extschema@.numeric_lt_amount,
    COMMUTATOR = OPERATOR(@extschema@.>), NEGATOR = OPERATOR(@extschema@.>=), RESTRICT = scalarltsel, JOIN = scalarltjoinsel);
COMMENT ON OPERATOR @extschema@.< (numeric, @extschema@.amount) IS 'less than, compared exactly';
CREATE OPERATOR @extschema@.<= (LEFTARG = @extschema@.amount, RIGHTARG = numeric, FUNCTION = @extschema@.amount_le_numeric,
    COMMUTATOR = OPERATOR(@extschema@.>=), NEGATOR = OPERATOR(@extschema@.>), RESTRICT = scalarlesel, JOIN = scalarlejoinsel);
COMMENT ON OPERATOR @extschema@.<= (@extschema@.amount, numeric) IS 'less than or equal, compared exactly';
CREATE OPERATOR @extschema@.<= (LEFTARG = numeric, RIGHTARG = @extschema@.amount, FUNCTION = @extschema@.numeric_le_amount,
    COMMUTATOR = OPERATOR(@extschema@.>=), NEGATOR = OPERATOR(@extschema@.>), RESTRICT = scalarlesel, JOIN = scalarlejoinsel);
COMMENT ON OPERATOR @extschema@.<= (numeric, @extschema@.amount) IS 'less than or equal, compared exactly';
CREATE OPERATOR @extschema@.> (LEFTARG = @extschema@.amount, RIGHTARG = numeric, FUNCTION = @extschema@.amount_gt_numeric,
    COMMUTATOR = OPERATOR(@extschema@.<), NEGATOR = OPERATOR(@extschema@.<=), RESTRICT = scalargtsel, JOIN = scalargtjoinsel);
COMMENT ON OPERATOR @extschema@.> (@extschema@.amount, numeric) IS 'greater than, compared exactly';
CREATE OPERATOR @extschema@.> (LEFTARG = numeric, RIGHTARG = @extschema@.amount, FUNCTION = @extschema@.numeric_gt_amount,
    COMMUTATOR = OPERATOR(@extschema@.<), NEGATOR = OPERATOR(@extschema@.<=), RESTRICT = scalargtsel, JOIN = scalargtjoinsel);
COMMENT ON OPERATOR @extschema@.> (numeric, @extschema@.amount) IS 'greater than, compared exactly';
CREATE OPERATOR @extschema@.>= (LEFTARG = @extschema@.amount, RIGHTARG = numeric, FUNCTION = @extschema@.amount_ge_numeric,
    COMMUTATOR = OPERATOR(@extschema@.<=), NEGATOR = OPERATOR(@extschema@.<), RESTRICT = scalargesel, JOIN = scalargejoinsel);
COMMENT ON OPERATOR @extschema@.>= (@extschema@.amount, numeric) IS 'greater than or equal, compared exactly';
CREATE OPERATOR @extschema@.>= (LEFTARG = numeric, RIGHTARG = @extschema@.amount, FUNCTION = @extschema@.numeric_ge_amount,
    COMMUTATOR = OPERATOR(@extschema@.<=), NEGATOR = OPERATOR(@extschema@.<), RESTRICT = scalargesel, JOIN = scalargejoinsel);
COMMENT ON OPERATOR @extschema@.>= (numeric, @extschema@.amount) IS 'greater than or equal, compared exactly';

-- ---------------------------------------------------------------------------
-- Aggregates: sum, avg, min, max, all with a combine function and a state
-- type with text I/O, so they run in parallel and distribute (Citus)
-- ---------------------------------------------------------------------------
CREATE TYPE @extschema@.amount_acc;
CREATE FUNCTION @extschema@.amount_acc_in(cstring) RETURNS @extschema@.amount_acc
    AS 'MODULE_PATHNAME', 'amount_acc_in' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION @extschema@.amount_acc_out(@extschema@.amount_acc) RETURNS cstring
    AS 'MODULE_PATHNAME', 'amount_acc_out' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION @extschema@.amount_acc_recv(internal) RETURNS @extschema@.amount_acc
    AS 'MODULE_PATHNAME', 'amount_acc_recv' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION @extschema@.amount_acc_send(@extschema@.amount_acc) RETURNS bytea
    AS 'MODULE_PATHNAME', 'amount_acc_send' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE TYPE @extschema@.amount_acc (
    INPUT = @extschema@.amount_acc_in,
    OUTPUT = @extschema@.amount_acc_out,
    RECEIVE = @extschema@.amount_acc_recv,
    SEND = @extschema@.amount_acc_send,
    INTERNALLENGTH = 24,
    ALIGNMENT = double,
    STORAGE = plain
);
COMMENT ON TYPE @extschema@.amount_acc IS 'Partial state of sum(amount) and avg(amount): a count and a 128-bit sum, text form count:sum (3:105000.00); |sum| never exceeds count times the largest amount';
COMMENT ON FUNCTION @extschema@.amount_acc_in(cstring) IS 'Text input of amount_acc (count:sum)';
COMMENT ON FUNCTION @extschema@.amount_acc_out(@extschema@.amount_acc) IS 'Text output of amount_acc (count:sum)';
COMMENT ON FUNCTION @extschema@.amount_acc_recv(internal) IS 'Binary input of amount_acc';
COMMENT ON FUNCTION @extschema@.amount_acc_send(@extschema@.amount_acc) IS 'Binary output of amount_acc';

CREATE FUNCTION @extschema@.amount_acc_accum(@extschema@.amount_acc, @extschema@.amount) RETURNS @extschema@.amount_acc
    AS 'MODULE_PATHNAME', 'amount_acc_accum' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION @extschema@.amount_acc_deaccum(@extschema@.amount_acc, @extschema@.amount) RETURNS @extschema@.amount_acc
    AS 'MODULE_PATHNAME', 'amount_acc_deaccum' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION @extschema@.amount_acc_combine(@extschema@.amount_acc, @extschema@.amount_acc) RETURNS @extschema@.amount_acc
    AS 'MODULE_PATHNAME', 'amount_acc_combine' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION @extschema@.amount_acc_avg(@extschema@.amount_acc) RETURNS @extschema@.amount
    AS 'MODULE_PATHNAME', 'amount_acc_avg' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION @extschema@.amount_acc_sum(@extschema@.amount_acc) RETURNS @extschema@.amount
    AS 'MODULE_PATHNAME', 'amount_acc_sum' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.amount_acc_accum(@extschema@.amount_acc, @extschema@.amount) IS 'Transition of sum(amount) and avg(amount): adds one amount';
COMMENT ON FUNCTION @extschema@.amount_acc_deaccum(@extschema@.amount_acc, @extschema@.amount) IS 'Inverse transition of moving avg/sum(amount): removes one amount the state holds (22023 otherwise)';
COMMENT ON FUNCTION @extschema@.amount_acc_combine(@extschema@.amount_acc, @extschema@.amount_acc) IS 'Combines two partial states of avg/sum(amount)';
COMMENT ON FUNCTION @extschema@.amount_acc_avg(@extschema@.amount_acc) IS 'Final function of avg(amount): rounded half away from zero to the cent';
COMMENT ON FUNCTION @extschema@.amount_acc_sum(@extschema@.amount_acc) IS 'Final function of sum(amount): 22003 when the total is out of range';

CREATE AGGREGATE @extschema@.sum(@extschema@.amount) (
    SFUNC = @extschema@.amount_acc_accum,
    STYPE = @extschema@.amount_acc,
    FINALFUNC = @extschema@.amount_acc_sum,
    COMBINEFUNC = @extschema@.amount_acc_combine,
    INITCOND = '0:0.00',
    MSFUNC = @extschema@.amount_acc_accum,
    MINVFUNC = @extschema@.amount_acc_deaccum,
    MSTYPE = @extschema@.amount_acc,
    MFINALFUNC = @extschema@.amount_acc_sum,
    MINITCOND = '0:0.00',
    PARALLEL = SAFE
);
COMMENT ON AGGREGATE @extschema@.sum(@extschema@.amount) IS 'Exact sum of amounts, kept in 128 bits: 22003 only when the total is out of the amount range, whatever the order of the rows';

CREATE AGGREGATE @extschema@.avg(@extschema@.amount) (
    SFUNC = @extschema@.amount_acc_accum,
    STYPE = @extschema@.amount_acc,
    FINALFUNC = @extschema@.amount_acc_avg,
    COMBINEFUNC = @extschema@.amount_acc_combine,
    INITCOND = '0:0.00',
    MSFUNC = @extschema@.amount_acc_accum,
    MINVFUNC = @extschema@.amount_acc_deaccum,
    MSTYPE = @extschema@.amount_acc,
    MFINALFUNC = @extschema@.amount_acc_avg,
    MINITCOND = '0:0.00',
    PARALLEL = SAFE
);
COMMENT ON AGGREGATE @extschema@.avg(@extschema@.amount) IS 'Average of amounts, rounded half away from zero to the cent';

CREATE AGGREGATE @extschema@.min(@extschema@.amount) (
    SFUNC = @extschema@.amount_smaller,
    STYPE = @extschema@.amount,
    COMBINEFUNC = @extschema@.amount_smaller,
    SORTOP = OPERATOR(@extschema@.<),
    PARALLEL = SAFE
);
COMMENT ON AGGREGATE @extschema@.min(@extschema@.amount) IS 'Smallest amount';

CREATE AGGREGATE @extschema@.max(@extschema@.amount) (
    SFUNC = @extschema@.amount_larger,
    STYPE = @extschema@.amount,
    COMBINEFUNC = @extschema@.amount_larger,
    SORTOP = OPERATOR(@extschema@.>),
    PARALLEL = SAFE
);
COMMENT ON AGGREGATE @extschema@.max(@extschema@.amount) IS 'Largest amount';
