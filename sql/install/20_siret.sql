-- ===========================================================================
-- siren, siret, rna: French organization identifiers, stored as int8 by value
--
-- A SIREN (legal unit, 9 digits) and a SIRET (establishment: SIREN + 5-digit
-- NIC) are checked by INSEE's Luhn key, with La Poste's exception; an RNA
-- number (association) is W + 9 characters.  The rules are cited in
-- src/siret_check.c.  The stored int8 order is the identifiers' order, so
-- comparison and hashing are int8's own functions (as contrib/isn does).
-- ===========================================================================

-- ---------------------------------------------------------------------------
-- siren
-- ---------------------------------------------------------------------------
CREATE TYPE @extschema@.siren;

CREATE FUNCTION @extschema@.siren_in(cstring) RETURNS @extschema@.siren
    AS 'MODULE_PATHNAME', 'siren_in' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION @extschema@.siren_out(@extschema@.siren) RETURNS cstring
    AS 'MODULE_PATHNAME', 'siren_out' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION @extschema@.siren_recv(internal) RETURNS @extschema@.siren
    AS 'MODULE_PATHNAME', 'siren_recv' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION @extschema@.siren_send(@extschema@.siren) RETURNS bytea
    AS 'int8send' LANGUAGE internal IMMUTABLE STRICT PARALLEL SAFE;

CREATE TYPE @extschema@.siren (
    INPUT = @extschema@.siren_in,
    OUTPUT = @extschema@.siren_out,
    RECEIVE = @extschema@.siren_recv,
    SEND = @extschema@.siren_send,
    INTERNALLENGTH = 8,
    PASSEDBYVALUE,
    ALIGNMENT = double,
    STORAGE = plain
);
COMMENT ON TYPE @extschema@.siren IS 'French legal-unit identifier: 9 digits checked by the Luhn key; text form 356000000';
COMMENT ON FUNCTION @extschema@.siren_in(cstring) IS 'Text input of siren: 9 digits, optionally grouped by single blanks (space, U+00A0, U+202F), surrounding blanks ignored; checked by the Luhn key';
COMMENT ON FUNCTION @extschema@.siren_out(@extschema@.siren) IS 'Text output of siren: the 9 digits, zero-padded';
COMMENT ON FUNCTION @extschema@.siren_recv(internal) IS 'Binary input of siren (int8), checked like text input';
COMMENT ON FUNCTION @extschema@.siren_send(@extschema@.siren) IS 'Binary output of siren (int8)';

CREATE FUNCTION @extschema@.siren_error(text) RETURNS text
    AS 'MODULE_PATHNAME', 'siren_error' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.siren_error(text) IS 'The error that casting this text to siren would raise, or NULL when it is a valid SIREN (for quarantining bad rows)';
CREATE FUNCTION @extschema@.siren_eq(@extschema@.siren, @extschema@.siren) RETURNS boolean
    AS 'int8eq' LANGUAGE internal IMMUTABLE STRICT PARALLEL SAFE LEAKPROOF;
CREATE FUNCTION @extschema@.siren_ne(@extschema@.siren, @extschema@.siren) RETURNS boolean
    AS 'int8ne' LANGUAGE internal IMMUTABLE STRICT PARALLEL SAFE LEAKPROOF;
CREATE FUNCTION @extschema@.siren_lt(@extschema@.siren, @extschema@.siren) RETURNS boolean
    AS 'int8lt' LANGUAGE internal IMMUTABLE STRICT PARALLEL SAFE LEAKPROOF;
CREATE FUNCTION @extschema@.siren_le(@extschema@.siren, @extschema@.siren) RETURNS boolean
    AS 'int8le' LANGUAGE internal IMMUTABLE STRICT PARALLEL SAFE LEAKPROOF;
CREATE FUNCTION @extschema@.siren_gt(@extschema@.siren, @extschema@.siren) RETURNS boolean
    AS 'int8gt' LANGUAGE internal IMMUTABLE STRICT PARALLEL SAFE LEAKPROOF;
CREATE FUNCTION @extschema@.siren_ge(@extschema@.siren, @extschema@.siren) RETURNS boolean
    AS 'int8ge' LANGUAGE internal IMMUTABLE STRICT PARALLEL SAFE LEAKPROOF;
CREATE FUNCTION @extschema@.siren_cmp(@extschema@.siren, @extschema@.siren) RETURNS int4
    AS 'btint8cmp' LANGUAGE internal IMMUTABLE STRICT PARALLEL SAFE LEAKPROOF;
CREATE FUNCTION @extschema@.siren_sortsupport(internal) RETURNS void
    AS 'btint8sortsupport' LANGUAGE internal IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION @extschema@.siren_hash(@extschema@.siren) RETURNS int4
    AS 'hashint8' LANGUAGE internal IMMUTABLE STRICT PARALLEL SAFE LEAKPROOF;
CREATE FUNCTION @extschema@.siren_hash_extended(@extschema@.siren, int8) RETURNS int8
    AS 'hashint8extended' LANGUAGE internal IMMUTABLE STRICT PARALLEL SAFE LEAKPROOF;
COMMENT ON FUNCTION @extschema@.siren_eq(@extschema@.siren, @extschema@.siren) IS 'siren = siren';
COMMENT ON FUNCTION @extschema@.siren_ne(@extschema@.siren, @extschema@.siren) IS 'siren <> siren';
COMMENT ON FUNCTION @extschema@.siren_lt(@extschema@.siren, @extschema@.siren) IS 'siren < siren';
COMMENT ON FUNCTION @extschema@.siren_le(@extschema@.siren, @extschema@.siren) IS 'siren <= siren';
COMMENT ON FUNCTION @extschema@.siren_gt(@extschema@.siren, @extschema@.siren) IS 'siren > siren';
COMMENT ON FUNCTION @extschema@.siren_ge(@extschema@.siren, @extschema@.siren) IS 'siren >= siren';
COMMENT ON FUNCTION @extschema@.siren_cmp(@extschema@.siren, @extschema@.siren) IS 'Three-way comparison of siren (btree support)';
COMMENT ON FUNCTION @extschema@.siren_sortsupport(internal) IS 'Sort support for siren (btree support)';
COMMENT ON FUNCTION @extschema@.siren_hash(@extschema@.siren) IS 'Hash of a siren (hash support)';
COMMENT ON FUNCTION @extschema@.siren_hash_extended(@extschema@.siren, int8) IS 'Seeded 64-bit hash of a siren (hash support)';

CREATE OPERATOR @extschema@.= (LEFTARG = @extschema@.siren, RIGHTARG = @extschema@.siren,
    FUNCTION = @extschema@.siren_eq, COMMUTATOR = OPERATOR(@extschema@.=), NEGATOR = OPERATOR(@extschema@.<>),
    RESTRICT = eqsel, JOIN = eqjoinsel, HASHES, MERGES);
CREATE OPERATOR @extschema@.<> (LEFTARG = @extschema@.siren, RIGHTARG = @extschema@.siren,
    FUNCTION = @extschema@.siren_ne, COMMUTATOR = OPERATOR(@extschema@.<>), NEGATOR = OPERATOR(@extschema@.=),
    RESTRICT = neqsel, JOIN = neqjoinsel);
CREATE OPERATOR @extschema@.< (LEFTARG = @extschema@.siren, RIGHTARG = @extschema@.siren,
    FUNCTION = @extschema@.siren_lt, COMMUTATOR = OPERATOR(@extschema@.>), NEGATOR = OPERATOR(@extschema@.>=),
    RESTRICT = scalarltsel, JOIN = scalarltjoinsel);
CREATE OPERATOR @extschema@.<= (LEFTARG = @extschema@.siren, RIGHTARG = @extschema@.siren,
    FUNCTION = @extschema@.siren_le, COMMUTATOR = OPERATOR(@extschema@.>=), NEGATOR = OPERATOR(@extschema@.>),
    RESTRICT = scalarlesel, JOIN = scalarlejoinsel);
CREATE OPERATOR @extschema@.> (LEFTARG = @extschema@.siren, RIGHTARG = @extschema@.siren,
    FUNCTION = @extschema@.siren_gt, COMMUTATOR = OPERATOR(@extschema@.<), NEGATOR = OPERATOR(@extschema@.<=),
    RESTRICT = scalargtsel, JOIN = scalargtjoinsel);
CREATE OPERATOR @extschema@.>= (LEFTARG = @extschema@.siren, RIGHTARG = @extschema@.siren,
    FUNCTION = @extschema@.siren_ge, COMMUTATOR = OPERATOR(@extschema@.<=), NEGATOR = OPERATOR(@extschema@.<),
    RESTRICT = scalargesel, JOIN = scalargejoinsel);
COMMENT ON OPERATOR @extschema@.= (@extschema@.siren, @extschema@.siren) IS 'equal';
COMMENT ON OPERATOR @extschema@.<> (@extschema@.siren, @extschema@.siren) IS 'not equal';
COMMENT ON OPERATOR @extschema@.< (@extschema@.siren, @extschema@.siren) IS 'less than';
COMMENT ON OPERATOR @extschema@.<= (@extschema@.siren, @extschema@.siren) IS 'less than or equal';
COMMENT ON OPERATOR @extschema@.> (@extschema@.siren, @extschema@.siren) IS 'greater than';
COMMENT ON OPERATOR @extschema@.>= (@extschema@.siren, @extschema@.siren) IS 'greater than or equal';

CREATE OPERATOR CLASS @extschema@.siren_ops DEFAULT FOR TYPE @extschema@.siren USING btree AS
    OPERATOR 1 @extschema@.<,
    OPERATOR 2 @extschema@.<=,
    OPERATOR 3 @extschema@.=,
    OPERATOR 4 @extschema@.>=,
    OPERATOR 5 @extschema@.>,
    FUNCTION 1 @extschema@.siren_cmp(@extschema@.siren, @extschema@.siren),
    FUNCTION 2 @extschema@.siren_sortsupport(internal);
CREATE OPERATOR CLASS @extschema@.siren_hash_ops DEFAULT FOR TYPE @extschema@.siren USING hash AS
    OPERATOR 1 @extschema@.=,
    FUNCTION 1 @extschema@.siren_hash(@extschema@.siren),
    FUNCTION 2 @extschema@.siren_hash_extended(@extschema@.siren, int8);
COMMENT ON OPERATOR CLASS @extschema@.siren_ops USING btree IS 'Default btree class of siren (numeric order)';
COMMENT ON OPERATOR CLASS @extschema@.siren_hash_ops USING hash IS 'Default hash class of siren';

-- ---------------------------------------------------------------------------
-- siret
-- ---------------------------------------------------------------------------
CREATE TYPE @extschema@.siret;

CREATE FUNCTION @extschema@.siret_in(cstring) RETURNS @extschema@.siret
    AS 'MODULE_PATHNAME', 'siret_in' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION @extschema@.siret_out(@extschema@.siret) RETURNS cstring
    AS 'MODULE_PATHNAME', 'siret_out' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION @extschema@.siret_recv(internal) RETURNS @extschema@.siret
    AS 'MODULE_PATHNAME', 'siret_recv' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION @extschema@.siret_send(@extschema@.siret) RETURNS bytea
    AS 'int8send' LANGUAGE internal IMMUTABLE STRICT PARALLEL SAFE;

CREATE TYPE @extschema@.siret (
    INPUT = @extschema@.siret_in,
    OUTPUT = @extschema@.siret_out,
    RECEIVE = @extschema@.siret_recv,
    SEND = @extschema@.siret_send,
    INTERNALLENGTH = 8,
    PASSEDBYVALUE,
    ALIGNMENT = double,
    STORAGE = plain
);
COMMENT ON TYPE @extschema@.siret IS 'French establishment identifier: SIREN + 5-digit NIC, 14 digits checked by the Luhn key (La Poste: digit sum modulo 5); text form 35600000000048';
COMMENT ON FUNCTION @extschema@.siret_in(cstring) IS 'Text input of siret: 14 digits, optionally grouped by single blanks (space, U+00A0, U+202F), surrounding blanks ignored; checked by the Luhn key (La Poste: digit sum modulo 5) and its SIREN too';
COMMENT ON FUNCTION @extschema@.siret_out(@extschema@.siret) IS 'Text output of siret: the 14 digits, zero-padded';
COMMENT ON FUNCTION @extschema@.siret_recv(internal) IS 'Binary input of siret (int8), checked like text input';
COMMENT ON FUNCTION @extschema@.siret_send(@extschema@.siret) IS 'Binary output of siret (int8)';

CREATE FUNCTION @extschema@.siret_error(text) RETURNS text
    AS 'MODULE_PATHNAME', 'siret_error' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.siret_error(text) IS 'The error that casting this text to siret would raise, or NULL when it is a valid SIRET (for quarantining bad rows)';
CREATE FUNCTION @extschema@.siret_eq(@extschema@.siret, @extschema@.siret) RETURNS boolean
    AS 'int8eq' LANGUAGE internal IMMUTABLE STRICT PARALLEL SAFE LEAKPROOF;
CREATE FUNCTION @extschema@.siret_ne(@extschema@.siret, @extschema@.siret) RETURNS boolean
    AS 'int8ne' LANGUAGE internal IMMUTABLE STRICT PARALLEL SAFE LEAKPROOF;
CREATE FUNCTION @extschema@.siret_lt(@extschema@.siret, @extschema@.siret) RETURNS boolean
    AS 'int8lt' LANGUAGE internal IMMUTABLE STRICT PARALLEL SAFE LEAKPROOF;
CREATE FUNCTION @extschema@.siret_le(@extschema@.siret, @extschema@.siret) RETURNS boolean
    AS 'int8le' LANGUAGE internal IMMUTABLE STRICT PARALLEL SAFE LEAKPROOF;
CREATE FUNCTION @extschema@.siret_gt(@extschema@.siret, @extschema@.siret) RETURNS boolean
    AS 'int8gt' LANGUAGE internal IMMUTABLE STRICT PARALLEL SAFE LEAKPROOF;
CREATE FUNCTION @extschema@.siret_ge(@extschema@.siret, @extschema@.siret) RETURNS boolean
    AS 'int8ge' LANGUAGE internal IMMUTABLE STRICT PARALLEL SAFE LEAKPROOF;
CREATE FUNCTION @extschema@.siret_cmp(@extschema@.siret, @extschema@.siret) RETURNS int4
    AS 'btint8cmp' LANGUAGE internal IMMUTABLE STRICT PARALLEL SAFE LEAKPROOF;
CREATE FUNCTION @extschema@.siret_sortsupport(internal) RETURNS void
    AS 'btint8sortsupport' LANGUAGE internal IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION @extschema@.siret_hash(@extschema@.siret) RETURNS int4
    AS 'hashint8' LANGUAGE internal IMMUTABLE STRICT PARALLEL SAFE LEAKPROOF;
CREATE FUNCTION @extschema@.siret_hash_extended(@extschema@.siret, int8) RETURNS int8
    AS 'hashint8extended' LANGUAGE internal IMMUTABLE STRICT PARALLEL SAFE LEAKPROOF;
COMMENT ON FUNCTION @extschema@.siret_eq(@extschema@.siret, @extschema@.siret) IS 'siret = siret';
COMMENT ON FUNCTION @extschema@.siret_ne(@extschema@.siret, @extschema@.siret) IS 'siret <> siret';
COMMENT ON FUNCTION @extschema@.siret_lt(@extschema@.siret, @extschema@.siret) IS 'siret < siret';
COMMENT ON FUNCTION @extschema@.siret_le(@extschema@.siret, @extschema@.siret) IS 'siret <= siret';
COMMENT ON FUNCTION @extschema@.siret_gt(@extschema@.siret, @extschema@.siret) IS 'siret > siret';
COMMENT ON FUNCTION @extschema@.siret_ge(@extschema@.siret, @extschema@.siret) IS 'siret >= siret';
COMMENT ON FUNCTION @extschema@.siret_cmp(@extschema@.siret, @extschema@.siret) IS 'Three-way comparison of siret (btree support)';
COMMENT ON FUNCTION @extschema@.siret_sortsupport(internal) IS 'Sort support for siret (btree support)';
COMMENT ON FUNCTION @extschema@.siret_hash(@extschema@.siret) IS 'Hash of a siret (hash support)';
COMMENT ON FUNCTION @extschema@.siret_hash_extended(@extschema@.siret, int8) IS 'Seeded 64-bit hash of a siret (hash support)';

CREATE OPERATOR @extschema@.= (LEFTARG = @extschema@.siret, RIGHTARG = @extschema@.siret,
    FUNCTION = @extschema@.siret_eq, COMMUTATOR = OPERATOR(@extschema@.=), NEGATOR = OPERATOR(@extschema@.<>),
    RESTRICT = eqsel, JOIN = eqjoinsel, HASHES, MERGES);
CREATE OPERATOR @extschema@.<> (LEFTARG = @extschema@.siret, RIGHTARG = @extschema@.siret,
    FUNCTION = @extschema@.siret_ne, COMMUTATOR = OPERATOR(@extschema@.<>), NEGATOR = OPERATOR(@extschema@.=),
    RESTRICT = neqsel, JOIN = neqjoinsel);
CREATE OPERATOR @extschema@.< (LEFTARG = @extschema@.siret, RIGHTARG = @extschema@.siret,
    FUNCTION = @extschema@.siret_lt, COMMUTATOR = OPERATOR(@extschema@.>), NEGATOR = OPERATOR(@extschema@.>=),
    RESTRICT = scalarltsel, JOIN = scalarltjoinsel);
CREATE OPERATOR @extschema@.<= (LEFTARG = @extschema@.siret, RIGHTARG = @extschema@.siret,
    FUNCTION = @extschema@.siret_le, COMMUTATOR = OPERATOR(@extschema@.>=), NEGATOR = OPERATOR(@extschema@.>),
    RESTRICT = scalarlesel, JOIN = scalarlejoinsel);
CREATE OPERATOR @extschema@.> (LEFTARG = @extschema@.siret, RIGHTARG = @extschema@.siret,
    FUNCTION = @extschema@.siret_gt, COMMUTATOR = OPERATOR(@extschema@.<), NEGATOR = OPERATOR(@extschema@.<=),
    RESTRICT = scalargtsel, JOIN = scalargtjoinsel);
CREATE OPERATOR @extschema@.>= (LEFTARG = @extschema@.siret, RIGHTARG = @extschema@.siret,
    FUNCTION = @extschema@.siret_ge, COMMUTATOR = OPERATOR(@extschema@.<=), NEGATOR = OPERATOR(@extschema@.<),
    RESTRICT = scalargesel, JOIN = scalargejoinsel);
COMMENT ON OPERATOR @extschema@.= (@extschema@.siret, @extschema@.siret) IS 'equal';
COMMENT ON OPERATOR @extschema@.<> (@extschema@.siret, @extschema@.siret) IS 'not equal';
COMMENT ON OPERATOR @extschema@.< (@extschema@.siret, @extschema@.siret) IS 'less than';
COMMENT ON OPERATOR @extschema@.<= (@extschema@.siret, @extschema@.siret) IS 'less than or equal';
COMMENT ON OPERATOR @extschema@.> (@extschema@.siret, @extschema@.siret) IS 'greater than';
COMMENT ON OPERATOR @extschema@.>= (@extschema@.siret, @extschema@.siret) IS 'greater than or equal';

CREATE OPERATOR CLASS @extschema@.siret_ops DEFAULT FOR TYPE @extschema@.siret USING btree AS
    OPERATOR 1 @extschema@.<,
    OPERATOR 2 @extschema@.<=,
    OPERATOR 3 @extschema@.=,
    OPERATOR 4 @extschema@.>=,
    OPERATOR 5 @extschema@.>,
    FUNCTION 1 @extschema@.siret_cmp(@extschema@.siret, @extschema@.siret),
    FUNCTION 2 @extschema@.siret_sortsupport(internal);
CREATE OPERATOR CLASS @extschema@.siret_hash_ops DEFAULT FOR TYPE @extschema@.siret USING hash AS
    OPERATOR 1 @extschema@.=,
    FUNCTION 1 @extschema@.siret_hash(@extschema@.siret),
    FUNCTION 2 @extschema@.siret_hash_extended(@extschema@.siret, int8);
COMMENT ON OPERATOR CLASS @extschema@.siret_ops USING btree IS 'Default btree class of siret (numeric order)';
COMMENT ON OPERATOR CLASS @extschema@.siret_hash_ops USING hash IS 'Default hash class of siret';

-- ---------------------------------------------------------------------------
-- rna
-- ---------------------------------------------------------------------------
CREATE TYPE @extschema@.rna;

CREATE FUNCTION @extschema@.rna_in(cstring) RETURNS @extschema@.rna
    AS 'MODULE_PATHNAME', 'rna_in' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION @extschema@.rna_out(@extschema@.rna) RETURNS cstring
    AS 'MODULE_PATHNAME', 'rna_out' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION @extschema@.rna_recv(internal) RETURNS @extschema@.rna
    AS 'MODULE_PATHNAME', 'rna_recv' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION @extschema@.rna_send(@extschema@.rna) RETURNS bytea
    AS 'int8send' LANGUAGE internal IMMUTABLE STRICT PARALLEL SAFE;

CREATE TYPE @extschema@.rna (
    INPUT = @extschema@.rna_in,
    OUTPUT = @extschema@.rna_out,
    RECEIVE = @extschema@.rna_recv,
    SEND = @extschema@.rna_send,
    INTERNALLENGTH = 8,
    PASSEDBYVALUE,
    ALIGNMENT = double,
    STORAGE = plain
);
COMMENT ON TYPE @extschema@.rna IS 'French association identifier (Répertoire national des associations): W + 3-character registry code + 6 digits; text form W595012345';
COMMENT ON FUNCTION @extschema@.rna_in(cstring) IS 'Text input of rna: W (any case) and 9 characters: a digit, two digits or letters, six digits; upper-cased; surrounding blanks ignored';
COMMENT ON FUNCTION @extschema@.rna_out(@extschema@.rna) IS 'Text output of rna: W and 9 characters, capital letters';
COMMENT ON FUNCTION @extschema@.rna_recv(internal) IS 'Binary input of rna (int8), checked like text input';
COMMENT ON FUNCTION @extschema@.rna_send(@extschema@.rna) IS 'Binary output of rna (int8)';

CREATE FUNCTION @extschema@.rna_error(text) RETURNS text
    AS 'MODULE_PATHNAME', 'rna_error' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.rna_error(text) IS 'The error that casting this text to rna would raise, or NULL when it is a valid RNA number (for quarantining bad rows)';
CREATE FUNCTION @extschema@.rna_eq(@extschema@.rna, @extschema@.rna) RETURNS boolean
    AS 'int8eq' LANGUAGE internal IMMUTABLE STRICT PARALLEL SAFE LEAKPROOF;
CREATE FUNCTION @extschema@.rna_ne(@extschema@.rna, @extschema@.rna) RETURNS boolean
    AS 'int8ne' LANGUAGE internal IMMUTABLE STRICT PARALLEL SAFE LEAKPROOF;
CREATE FUNCTION @extschema@.rna_lt(@extschema@.rna, @extschema@.rna) RETURNS boolean
    AS 'int8lt' LANGUAGE internal IMMUTABLE STRICT PARALLEL SAFE LEAKPROOF;
CREATE FUNCTION @extschema@.rna_le(@extschema@.rna, @extschema@.rna) RETURNS boolean
    AS 'int8le' LANGUAGE internal IMMUTABLE STRICT PARALLEL SAFE LEAKPROOF;
CREATE FUNCTION @extschema@.rna_gt(@extschema@.rna, @extschema@.rna) RETURNS boolean
    AS 'int8gt' LANGUAGE internal IMMUTABLE STRICT PARALLEL SAFE LEAKPROOF;
CREATE FUNCTION @extschema@.rna_ge(@extschema@.rna, @extschema@.rna) RETURNS boolean
    AS 'int8ge' LANGUAGE internal IMMUTABLE STRICT PARALLEL SAFE LEAKPROOF;
CREATE FUNCTION @extschema@.rna_cmp(@extschema@.rna, @extschema@.rna) RETURNS int4
    AS 'btint8cmp' LANGUAGE internal IMMUTABLE STRICT PARALLEL SAFE LEAKPROOF;
CREATE FUNCTION @extschema@.rna_sortsupport(internal) RETURNS void
    AS 'btint8sortsupport' LANGUAGE internal IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION @extschema@.rna_hash(@extschema@.rna) RETURNS int4
    AS 'hashint8' LANGUAGE internal IMMUTABLE STRICT PARALLEL SAFE LEAKPROOF;
CREATE FUNCTION @extschema@.rna_hash_extended(@extschema@.rna, int8) RETURNS int8
    AS 'hashint8extended' LANGUAGE internal IMMUTABLE STRICT PARALLEL SAFE LEAKPROOF;
COMMENT ON FUNCTION @extschema@.rna_eq(@extschema@.rna, @extschema@.rna) IS 'rna = rna';
COMMENT ON FUNCTION @extschema@.rna_ne(@extschema@.rna, @extschema@.rna) IS 'rna <> rna';
COMMENT ON FUNCTION @extschema@.rna_lt(@extschema@.rna, @extschema@.rna) IS 'rna < rna';
COMMENT ON FUNCTION @extschema@.rna_le(@extschema@.rna, @extschema@.rna) IS 'rna <= rna';
COMMENT ON FUNCTION @extschema@.rna_gt(@extschema@.rna, @extschema@.rna) IS 'rna > rna';
COMMENT ON FUNCTION @extschema@.rna_ge(@extschema@.rna, @extschema@.rna) IS 'rna >= rna';
COMMENT ON FUNCTION @extschema@.rna_cmp(@extschema@.rna, @extschema@.rna) IS 'Three-way comparison of rna (btree support)';
COMMENT ON FUNCTION @extschema@.rna_sortsupport(internal) IS 'Sort support for rna (btree support)';
COMMENT ON FUNCTION @extschema@.rna_hash(@extschema@.rna) IS 'Hash of a rna (hash support)';
COMMENT ON FUNCTION @extschema@.rna_hash_extended(@extschema@.rna, int8) IS 'Seeded 64-bit hash of a rna (hash support)';

CREATE OPERATOR @extschema@.= (LEFTARG = @extschema@.rna, RIGHTARG = @extschema@.rna,
    FUNCTION = @extschema@.rna_eq, COMMUTATOR = OPERATOR(@extschema@.=), NEGATOR = OPERATOR(@extschema@.<>),
    RESTRICT = eqsel, JOIN = eqjoinsel, HASHES, MERGES);
CREATE OPERATOR @extschema@.<> (LEFTARG = @extschema@.rna, RIGHTARG = @extschema@.rna,
    FUNCTION = @extschema@.rna_ne, COMMUTATOR = OPERATOR(@extschema@.<>), NEGATOR = OPERATOR(@extschema@.=),
    RESTRICT = neqsel, JOIN = neqjoinsel);
CREATE OPERATOR @extschema@.< (LEFTARG = @extschema@.rna, RIGHTARG = @extschema@.rna,
    FUNCTION = @extschema@.rna_lt, COMMUTATOR = OPERATOR(@extschema@.>), NEGATOR = OPERATOR(@extschema@.>=),
    RESTRICT = scalarltsel, JOIN = scalarltjoinsel);
CREATE OPERATOR @extschema@.<= (LEFTARG = @extschema@.rna, RIGHTARG = @extschema@.rna,
    FUNCTION = @extschema@.rna_le, COMMUTATOR = OPERATOR(@extschema@.>=), NEGATOR = OPERATOR(@extschema@.>),
    RESTRICT = scalarlesel, JOIN = scalarlejoinsel);
CREATE OPERATOR @extschema@.> (LEFTARG = @extschema@.rna, RIGHTARG = @extschema@.rna,
    FUNCTION = @extschema@.rna_gt, COMMUTATOR = OPERATOR(@extschema@.<), NEGATOR = OPERATOR(@extschema@.<=),
    RESTRICT = scalargtsel, JOIN = scalargtjoinsel);
CREATE OPERATOR @extschema@.>= (LEFTARG = @extschema@.rna, RIGHTARG = @extschema@.rna,
    FUNCTION = @extschema@.rna_ge, COMMUTATOR = OPERATOR(@extschema@.<=), NEGATOR = OPERATOR(@extschema@.<),
    RESTRICT = scalargesel, JOIN = scalargejoinsel);
COMMENT ON OPERATOR @extschema@.= (@extschema@.rna, @extschema@.rna) IS 'equal';
COMMENT ON OPERATOR @extschema@.<> (@extschema@.rna, @extschema@.rna) IS 'not equal';
COMMENT ON OPERATOR @extschema@.< (@extschema@.rna, @extschema@.rna) IS 'less than';
COMMENT ON OPERATOR @extschema@.<= (@extschema@.rna, @extschema@.rna) IS 'less than or equal';
COMMENT ON OPERATOR @extschema@.> (@extschema@.rna, @extschema@.rna) IS 'greater than';
COMMENT ON OPERATOR @extschema@.>= (@extschema@.rna, @extschema@.rna) IS 'greater than or equal';

CREATE OPERATOR CLASS @extschema@.rna_ops DEFAULT FOR TYPE @extschema@.rna USING btree AS
    OPERATOR 1 @extschema@.<,
    OPERATOR 2 @extschema@.<=,
    OPERATOR 3 @extschema@.=,
    OPERATOR 4 @extschema@.>=,
    OPERATOR 5 @extschema@.>,
    FUNCTION 1 @extschema@.rna_cmp(@extschema@.rna, @extschema@.rna),
    FUNCTION 2 @extschema@.rna_sortsupport(internal);
CREATE OPERATOR CLASS @extschema@.rna_hash_ops DEFAULT FOR TYPE @extschema@.rna USING hash AS
    OPERATOR 1 @extschema@.=,
    FUNCTION 1 @extschema@.rna_hash(@extschema@.rna),
    FUNCTION 2 @extschema@.rna_hash_extended(@extschema@.rna, int8);
COMMENT ON OPERATOR CLASS @extschema@.rna_ops USING btree IS 'Default btree class of rna (the order of the text form)';
COMMENT ON OPERATOR CLASS @extschema@.rna_hash_ops USING hash IS 'Default hash class of rna';

-- ---------------------------------------------------------------------------
-- Accessors, formatting and casts (text casts are PostgreSQL's I/O casts:
-- '...'::siret and siret::text)
-- ---------------------------------------------------------------------------
CREATE FUNCTION @extschema@.siren(@extschema@.siret) RETURNS @extschema@.siren
    AS 'MODULE_PATHNAME', 'siret_siren' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION @extschema@.nic(@extschema@.siret) RETURNS text
    AS 'MODULE_PATHNAME', 'siret_nic' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION @extschema@.format_siret(@extschema@.siret) RETURNS text
    AS 'MODULE_PATHNAME', 'format_siret' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION @extschema@.format_siren(@extschema@.siren) RETURNS text
    AS 'MODULE_PATHNAME', 'format_siren' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION @extschema@.siren(int8) RETURNS @extschema@.siren
    AS 'MODULE_PATHNAME', 'siren_from_int8' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION @extschema@.siret(int8) RETURNS @extschema@.siret
    AS 'MODULE_PATHNAME', 'siret_from_int8' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.siren(@extschema@.siret) IS 'The SIREN of an establishment: the first 9 digits of its SIRET (cast siret to siren)';
COMMENT ON FUNCTION @extschema@.nic(@extschema@.siret) IS 'The NIC of an establishment: the last 5 digits of its SIRET, zero-padded';
COMMENT ON FUNCTION @extschema@.format_siret(@extschema@.siret) IS 'A SIRET grouped as INSEE writes it: 356 000 000 00048';
COMMENT ON FUNCTION @extschema@.format_siren(@extschema@.siren) IS 'A SIREN grouped by three: 356 000 000';
COMMENT ON FUNCTION @extschema@.siren(int8) IS 'A bigint as a SIREN, checked like text input (cast from bigint)';
COMMENT ON FUNCTION @extschema@.siret(int8) IS 'A bigint as a SIRET, checked like text input (cast from bigint)';

CREATE CAST (@extschema@.siret AS @extschema@.siren) WITH FUNCTION @extschema@.siren(@extschema@.siret);
CREATE CAST (int8 AS @extschema@.siren) WITH FUNCTION @extschema@.siren(int8) AS ASSIGNMENT;
CREATE CAST (int8 AS @extschema@.siret) WITH FUNCTION @extschema@.siret(int8) AS ASSIGNMENT;
CREATE CAST (@extschema@.siren AS int8) WITHOUT FUNCTION;
CREATE CAST (@extschema@.siret AS int8) WITHOUT FUNCTION;
COMMENT ON CAST (@extschema@.siret AS @extschema@.siren) IS 'The SIREN of an establishment, explicit only';
COMMENT ON CAST (int8 AS @extschema@.siren) IS 'Bigint to SIREN, checked, on assignment';
COMMENT ON CAST (int8 AS @extschema@.siret) IS 'Bigint to SIRET, checked, on assignment';
COMMENT ON CAST (@extschema@.siren AS int8) IS 'SIREN as its number, explicit only';
COMMENT ON CAST (@extschema@.siret AS int8) IS 'SIRET as its number, explicit only';
