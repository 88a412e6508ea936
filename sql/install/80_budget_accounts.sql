-- ===========================================================================
-- budget charts of accounts: the DGFiP "planDeCompte" XML files (M14, M57,
-- M52, M4x, M71...) as reference data, and how the section and chapter of a
-- budget line are resolved from them.  Read with PostgreSQL's own XML
-- support (XMLTABLE, libxml2): no other dependency.
-- ===========================================================================

-- ---- reading an XML file given as bytes -------------------------------------

-- The text of an XML file given as bytes, decoded in the encoding its prolog declares.
CREATE FUNCTION @extschema@.budget_xml_text(content bytea, source text) RETURNS text
    LANGUAGE plpgsql STABLE STRICT PARALLEL SAFE
    SET search_path = pg_catalog, @extschema@, pg_temp
AS $$
DECLARE
    v_head  text := pg_catalog.encode(pg_catalog.substr(content, 1, 300), 'escape');
    v_enc   text;
    v_text  text;
BEGIN
    -- the prolog is ASCII in every encoding PostgreSQL can convert from
    v_enc := (pg_catalog.regexp_match(v_head,
                 '^(?:\\357\\273\\277)?\s*<\?xml[^>]*?encoding\s*=\s*["'']([A-Za-z0-9._:-]+)["'']'))[1];
    v_enc := CASE WHEN v_enc IS NULL THEN 'UTF8'
                  WHEN pg_catalog.upper(v_enc) IN ('US-ASCII', 'ASCII') THEN 'UTF8'
                  ELSE v_enc END;
    IF pg_catalog.pg_char_to_encoding(v_enc) < 0 THEN
        RAISE EXCEPTION 'XML file "%" declares the encoding "%", which PostgreSQL cannot read', source, v_enc
            USING ERRCODE = '22023',
                  DETAIL = 'The encoding is taken from the XML prolog, <?xml version="1.0" encoding="..."?>.',
                  HINT = 'Convert the file to UTF-8 (e.g. iconv -t UTF-8) and fix its prolog, then load it again.';
    END IF;
    BEGIN
        v_text := pg_catalog.convert_from(content, v_enc);
    EXCEPTION WHEN character_not_in_repertoire OR untranslatable_character THEN
        RAISE EXCEPTION 'XML file "%" is not valid %', source, v_enc
            USING ERRCODE = '22021',
                  DETAIL = SQLERRM,
                  HINT = 'Its prolog must name the encoding it is written in (UTF-8 or ISO-8859-1 for TOTEM files): fix the prolog or convert the file.';
    END;
    RETURN pg_catalog.ltrim(v_text, pg_catalog.chr(65279));
END
$$;
COMMENT ON FUNCTION @extschema@.budget_xml_text(bytea, text) IS 'The text of an XML file given as bytes, decoded in the encoding its prolog declares (UTF-8 when none); raises 22023 for an encoding PostgreSQL cannot read and 22021 for bytes invalid in it, naming the file (source)';

-- An XML file given as bytes, parsed as a document.
CREATE FUNCTION @extschema@.budget_xml(content bytea, source text) RETURNS xml
    LANGUAGE plpgsql STABLE STRICT PARALLEL SAFE
    SET search_path = pg_catalog, @extschema@, pg_temp
AS $$
BEGIN
    RETURN XMLPARSE(DOCUMENT @extschema@.budget_xml_text(content, source));
EXCEPTION WHEN invalid_xml_document OR invalid_xml_content OR invalid_xml_comment
               OR invalid_xml_processing_instruction THEN
    RAISE EXCEPTION 'file "%" is not a well-formed XML document', source
        USING ERRCODE = '2200M', DETAIL = SQLERRM,
              HINT = 'Check that the whole file was sent (not truncated) and that it is XML, not an HTML error page.';
END
$$;
COMMENT ON FUNCTION @extschema@.budget_xml(bytea, text) IS 'An XML file given as bytes, decoded per its prolog (budget_xml_text) and parsed as a document; raises 2200M naming the file when it is not well-formed';

-- ---- tables ----------------------------------------------------------------

CREATE TABLE @extschema@.account_chart (
    id              bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    nomenclature    text NOT NULL CHECK (nomenclature ~ '^[A-Za-z0-9]+$'),
    variant         text NOT NULL CHECK (btrim(variant) <> ''),
    year            integer NOT NULL CHECK (year BETWEEN 1980 AND 2200),
    source          text NOT NULL,
    content_sha256  text NOT NULL,
    loaded_at       timestamptz NOT NULL DEFAULT now(),
    CONSTRAINT account_chart_key UNIQUE (nomenclature, variant, year)
);
COMMENT ON TABLE @extschema@.account_chart IS 'A chart of accounts (DGFiP plan de comptes) of one nomenclature, variant and year, loaded by load_accounts()';
COMMENT ON COLUMN @extschema@.account_chart.id IS 'Identifier (generated)';
COMMENT ON COLUMN @extschema@.account_chart.nomenclature IS 'Budget and accounting instruction (attribute Norme): M14, M57, M52, M4, M71...';
COMMENT ON COLUMN @extschema@.account_chart.variant IS 'Variant of the instruction (attribute Declinaison), e.g. M14_COM_500_3500, M57_A, M43_D';
COMMENT ON COLUMN @extschema@.account_chart.year IS 'Fiscal year the chart applies to, as the file states it (attribute Exer)';
COMMENT ON COLUMN @extschema@.account_chart.source IS 'Name of the loaded file';
COMMENT ON COLUMN @extschema@.account_chart.content_sha256 IS 'SHA-256 of the loaded bytes (hex): loading the same file again changes nothing';
COMMENT ON COLUMN @extschema@.account_chart.loaded_at IS 'When the chart was loaded';

CREATE TABLE @extschema@.account_chapter (
    id              bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    chart_id        bigint NOT NULL REFERENCES @extschema@.account_chart (id) ON DELETE CASCADE,
    vote            text NOT NULL CHECK (vote IN ('nature', 'function')),
    code            text NOT NULL,
    label           text,
    section         @extschema@.budget_section,
    chapter_type    text,
    special         boolean,
    CONSTRAINT account_chapter_key UNIQUE (chart_id, vote, code)
);
COMMENT ON TABLE @extschema@.account_chapter IS 'Chapters of a chart of accounts: the level at which a budget is voted';
COMMENT ON COLUMN @extschema@.account_chapter.id IS 'Identifier (generated)';
COMMENT ON COLUMN @extschema@.account_chapter.chart_id IS 'The chart';
COMMENT ON COLUMN @extschema@.account_chapter.vote IS 'nature (Nature/Chapitres: 011, 65, 040...) or function (Fonction/Chapitres: 90x, 93x...)';
COMMENT ON COLUMN @extschema@.account_chapter.code IS 'Chapter code as published, e.g. "65", "040", "016"';
COMMENT ON COLUMN @extschema@.account_chapter.label IS 'Label of the chapter (Libelle)';
COMMENT ON COLUMN @extschema@.account_chapter.section IS 'Section of the chapter (Section F: operating, I: investment); NULL when the chart states neither';
COMMENT ON COLUMN @extschema@.account_chapter.chapter_type IS 'Type of chapter as published (TypeChapitre: G global, L, S, O operation...)';
COMMENT ON COLUMN @extschema@.account_chapter.special IS 'Special chapter (Special="1"), e.g. the APA and RSA chapters 016/017 of départements';

CREATE TABLE @extschema@.account_code (
    id              bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    chart_id        bigint NOT NULL REFERENCES @extschema@.account_chart (id) ON DELETE CASCADE,
    code            text NOT NULL,
    label           text,
    parent_code     text,
    deleted         boolean NOT NULL DEFAULT false,
    chapter_dr      text,
    chapter_rr      text,
    chapter_does    text,
    chapter_roes    text,
    chapter_dois    text,
    chapter_rois    text,
    CONSTRAINT account_code_key UNIQUE (chart_id, code)
);
COMMENT ON TABLE @extschema@.account_code IS 'Accounts (comptes par nature) of a chart, with their parent and the chapter they fall in for each direction and kind of operation';
COMMENT ON COLUMN @extschema@.account_code.id IS 'Identifier (generated)';
COMMENT ON COLUMN @extschema@.account_code.chart_id IS 'The chart';
COMMENT ON COLUMN @extschema@.account_code.code IS 'Account code, e.g. "6574", "65748", "001"';
COMMENT ON COLUMN @extschema@.account_code.label IS 'Label of the account (Libelle)';
COMMENT ON COLUMN @extschema@.account_code.parent_code IS 'The account one level up (the enclosing Compte), NULL at the top';
COMMENT ON COLUMN @extschema@.account_code.deleted IS 'Marked Supprime="1" in the chart: kept for reading older documents, not to be used';
COMMENT ON COLUMN @extschema@.account_code.chapter_dr IS 'Chapter of a real expense on this account (DR); NULL when the account takes none';
COMMENT ON COLUMN @extschema@.account_code.chapter_rr IS 'Chapter of a real receipt (RR)';
COMMENT ON COLUMN @extschema@.account_code.chapter_does IS 'Chapter of an order expense between sections (DOES: 040, 042, 023)';
COMMENT ON COLUMN @extschema@.account_code.chapter_roes IS 'Chapter of an order receipt between sections (ROES: 040, 042, 021)';
COMMENT ON COLUMN @extschema@.account_code.chapter_dois IS 'Chapter of an order expense within a section (DOIS: 041, 043)';
COMMENT ON COLUMN @extschema@.account_code.chapter_rois IS 'Chapter of an order receipt within a section (ROIS: 041, 043)';

CREATE TABLE @extschema@.account_function (
    id              bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    chart_id        bigint NOT NULL REFERENCES @extschema@.account_chart (id) ON DELETE CASCADE,
    code            text NOT NULL,
    label           text,
    parent_code     text,
    CONSTRAINT account_function_key UNIQUE (chart_id, code)
);
COMMENT ON TABLE @extschema@.account_function IS 'Functional codes of a chart (RefFonctionnelles: 0 services généraux, 024 aide aux associations...)';
COMMENT ON COLUMN @extschema@.account_function.id IS 'Identifier (generated)';
COMMENT ON COLUMN @extschema@.account_function.chart_id IS 'The chart';
COMMENT ON COLUMN @extschema@.account_function.code IS 'Function code, e.g. "024"';
COMMENT ON COLUMN @extschema@.account_function.label IS 'Label of the function';
COMMENT ON COLUMN @extschema@.account_function.parent_code IS 'The function one level up, NULL at the top';

-- Loaded charts are user data: pg_dump keeps them.
SELECT pg_catalog.pg_extension_config_dump('@extschema@.account_chart', '');
SELECT pg_catalog.pg_extension_config_dump(pg_catalog.pg_get_serial_sequence('@extschema@.account_chart', 'id'), '');
SELECT pg_catalog.pg_extension_config_dump('@extschema@.account_chapter', '');
SELECT pg_catalog.pg_extension_config_dump(pg_catalog.pg_get_serial_sequence('@extschema@.account_chapter', 'id'), '');
SELECT pg_catalog.pg_extension_config_dump('@extschema@.account_code', '');
SELECT pg_catalog.pg_extension_config_dump(pg_catalog.pg_get_serial_sequence('@extschema@.account_code', 'id'), '');
SELECT pg_catalog.pg_extension_config_dump('@extschema@.account_function', '');
SELECT pg_catalog.pg_extension_config_dump(pg_catalog.pg_get_serial_sequence('@extschema@.account_function', 'id'), '');

-- ---- load_accounts ---------------------------------------------------------

CREATE FUNCTION @extschema@.load_accounts(content bytea, source text)
    RETURNS TABLE(chart_id bigint, nomenclature text, variant text, year integer,
                  chapters integer, accounts integer, functions integer, status text)
    LANGUAGE plpgsql VOLATILE PARALLEL UNSAFE
    SET search_path = pg_catalog, @extschema@, pg_temp
AS $$
DECLARE
    v_doc   xml;
    v_sha   text;
    v_norme text;
    v_decl  text;
    v_exer  text;
    v_year  integer;
    v_id    bigint;
    v_old   text;
    v_status text := 'loaded';
BEGIN
    IF content IS NULL OR source IS NULL OR btrim(source) = '' THEN
        RAISE EXCEPTION 'chart of accounts % is %', CASE WHEN content IS NULL THEN 'content' ELSE 'source name' END,
                        CASE WHEN content IS NULL OR source IS NULL THEN 'NULL' ELSE 'empty' END
            USING ERRCODE = '22004',
                  HINT = 'Pass the file''s bytes and its name, e.g. bin/pubfin-load-budget --accounts planDeCompte.xml.';
    END IF;
    v_sha := pg_catalog.encode(pg_catalog.sha256(content), 'hex');
    v_doc := @extschema@.budget_xml(content, source);

    SELECT x.norme, x.decl, x.exer INTO v_norme, v_decl, v_exer
      FROM XMLTABLE('/Nomenclature' PASSING v_doc
                    COLUMNS norme text PATH '@Norme', decl text PATH '@Declinaison', exer text PATH '@Exer') x;
    IF NOT FOUND THEN
        RAISE EXCEPTION 'file "%" is not a chart of accounts: its root element is not Nomenclature', source
            USING ERRCODE = '22023',
                  HINT = 'load_accounts reads the DGFiP planDeCompte.xml files (<Nomenclature Norme="M14" Declinaison="..." Exer="...">); budget documents go to load_budget.';
    END IF;
    IF coalesce(btrim(v_norme), '') = '' OR coalesce(btrim(v_decl), '') = '' OR v_exer !~ '^\s*\d{4}\s*$' THEN
        RAISE EXCEPTION 'chart of accounts "%" does not name its nomenclature, variant and year: Norme="%", Declinaison="%", Exer="%"',
                        source, coalesce(v_norme, ''), coalesce(v_decl, ''), coalesce(v_exer, '')
            USING ERRCODE = '22023',
                  HINT = 'The root element must carry Norme (e.g. M57), Declinaison (e.g. M57_A) and Exer (a four-digit year).';
    END IF;
    v_norme := btrim(v_norme);
    v_decl := btrim(v_decl);
    v_year := btrim(v_exer)::integer;

    PERFORM pg_catalog.pg_advisory_xact_lock('@extschema@.account_chart'::regclass::oid::integer, 0);
    SELECT c.id, c.content_sha256 INTO v_id, v_old
      FROM @extschema@.account_chart c
     WHERE c.nomenclature = v_norme AND c.variant = v_decl AND c.year = v_year;
    IF FOUND AND v_old = v_sha THEN
        v_status := 'unchanged';
    ELSE
        IF FOUND THEN
            RAISE NOTICE 'chart % / % / % replaced by the one in "%"', v_norme, v_decl, v_year, source;
            DELETE FROM @extschema@.account_chart c WHERE c.id = v_id;
            v_status := 'replaced';
        END IF;
        INSERT INTO @extschema@.account_chart (nomenclature, variant, year, source, content_sha256)
        VALUES (v_norme, v_decl, v_year, source, v_sha)
        RETURNING id INTO v_id;

        INSERT INTO @extschema@.account_chapter (chart_id, vote, code, label, section, chapter_type, special)
        SELECT DISTINCT ON (x.vote, btrim(x.code))
               v_id, CASE x.vote WHEN 'Nature' THEN 'nature' ELSE 'function' END, btrim(x.code), x.label,
               CASE upper(btrim(x.section)) WHEN 'F' THEN 'operating'::@extschema@.budget_section
                                            WHEN 'I' THEN 'investment'::@extschema@.budget_section END,
               nullif(btrim(x.typ), ''), CASE btrim(x.special) WHEN '1' THEN true WHEN '0' THEN false END
          FROM XMLTABLE('/Nomenclature/*[self::Nature or self::Fonction]/Chapitres/Chapitre' PASSING v_doc
                        COLUMNS vote text PATH 'local-name(../..)',
                                code text PATH '@Code', label text PATH '@Libelle', section text PATH '@Section',
                                typ text PATH '@TypeChapitre', special text PATH '@Special',
                                n FOR ORDINALITY) x
         WHERE btrim(x.code) <> ''
         ORDER BY x.vote, btrim(x.code), x.n;

        INSERT INTO @extschema@.account_code (chart_id, code, label, parent_code, deleted, chapter_dr, chapter_rr,
                                              chapter_does, chapter_roes, chapter_dois, chapter_rois)
        SELECT DISTINCT ON (btrim(x.code))
               v_id, btrim(x.code), x.label, nullif(btrim(x.parent), ''), coalesce(btrim(x.supprime) = '1', false),
               nullif(btrim(x.dr), ''), nullif(btrim(x.rr), ''), nullif(btrim(x.does), ''),
               nullif(btrim(x.roes), ''), nullif(btrim(x.dois), ''), nullif(btrim(x.rois), '')
          FROM XMLTABLE('/Nomenclature/Nature/Comptes//Compte' PASSING v_doc
                        COLUMNS code text PATH '@Code', label text PATH '@Libelle', parent text PATH '../@Code',
                                supprime text PATH '@Supprime', dr text PATH '@DR', rr text PATH '@RR',
                                does text PATH '@DOES', roes text PATH '@ROES', dois text PATH '@DOIS',
                                rois text PATH '@ROIS', n FOR ORDINALITY) x
         WHERE btrim(x.code) <> ''
         ORDER BY btrim(x.code), x.n;

        INSERT INTO @extschema@.account_function (chart_id, code, label, parent_code)
        SELECT DISTINCT ON (btrim(x.code)) v_id, btrim(x.code), x.label, nullif(btrim(x.parent), '')
          FROM XMLTABLE('/Nomenclature//RefFonctionnelles//RefFonc' PASSING v_doc
                        COLUMNS code text PATH '@Code', label text PATH '@Libelle', parent text PATH '../@Code',
                                n FOR ORDINALITY) x
         WHERE btrim(x.code) <> ''
         ORDER BY btrim(x.code), x.n;
    END IF;

    RETURN QUERY
    SELECT v_id, v_norme, v_decl, v_year,
           (SELECT count(*)::integer FROM @extschema@.account_chapter c WHERE c.chart_id = v_id),
           (SELECT count(*)::integer FROM @extschema@.account_code a WHERE a.chart_id = v_id),
           (SELECT count(*)::integer FROM @extschema@.account_function f WHERE f.chart_id = v_id),
           v_status;
END
$$;
COMMENT ON FUNCTION @extschema@.load_accounts(bytea, text) IS 'Load a DGFiP chart of accounts (planDeCompte XML: nomenclature, variant, year, chapters with their section, accounts with their parent and chapter per direction and kind, functions); the same file again changes nothing (status unchanged), another file for the same nomenclature, variant and year replaces it (status replaced)';

-- ---- resolution ------------------------------------------------------------

-- The chart that applies to a document: same nomenclature and variant, nearest year.
CREATE FUNCTION @extschema@.account_chart_for(nomenclature text, variant text, year integer) RETURNS bigint
    LANGUAGE sql STABLE PARALLEL SAFE
    SET search_path = pg_catalog, @extschema@, pg_temp
AS $$
    SELECT c.id
      FROM @extschema@.account_chart c
     WHERE c.nomenclature OPERATOR(pg_catalog.=) $1
       AND (c.variant OPERATOR(pg_catalog.=) $2 OR c.variant OPERATOR(pg_catalog.=) $1)
     ORDER BY c.variant OPERATOR(pg_catalog.=) $2 DESC,
              pg_catalog.abs(c.year OPERATOR(pg_catalog.-) $3),
              c.year DESC
     LIMIT 1
$$;
COMMENT ON FUNCTION @extschema@.account_chart_for(text, text, integer) IS 'The chart of accounts for a document: same nomenclature and variant (else the nomenclature''s base variant, e.g. M57 for M57_A), nearest year (the later one on a tie); NULL when none is loaded';

-- The section of an account by its class alone.
CREATE FUNCTION @extschema@.account_class_section(account text) RETURNS @extschema@.budget_section
    LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE
    SET search_path = pg_catalog, @extschema@, pg_temp
AS $$
    SELECT CASE
        WHEN $1 IN ('001', '020', '021', '024') THEN 'investment'::@extschema@.budget_section
        WHEN $1 IN ('002', '022', '023') THEN 'operating'::@extschema@.budget_section
        WHEN $1 ~ '^[12345]' THEN 'investment'::@extschema@.budget_section
        WHEN $1 ~ '^[67]' THEN 'operating'::@extschema@.budget_section
    END
$$;
COMMENT ON FUNCTION @extschema@.account_class_section(text) IS 'The section of an account by its class, when no chart of accounts resolves it: 001, 020, 021, 024 and classes 1 to 5 investment; 002, 022, 023 and classes 6 and 7 operating; NULL otherwise';

-- The chapter of an account in a chart for one direction and kind of operation.
CREATE FUNCTION @extschema@.account_chapter_of(chart_id bigint, account text, direction @extschema@.budget_direction,
                                               is_order boolean, within_section boolean)
    RETURNS text
    LANGUAGE sql STABLE STRICT PARALLEL SAFE
    SET search_path = pg_catalog, @extschema@, pg_temp
AS $$
    SELECT CASE WHEN NOT $4 AND $3 = 'expense' THEN a.chapter_dr
                WHEN NOT $4 THEN a.chapter_rr
                WHEN $3 = 'expense' AND $5 THEN a.chapter_dois
                WHEN $3 = 'expense' THEN a.chapter_does
                WHEN $5 THEN a.chapter_rois
                ELSE a.chapter_roes END
      FROM @extschema@.account_code a
     WHERE a.chart_id OPERATOR(pg_catalog.=) $1 AND a.code OPERATOR(pg_catalog.=) $2
$$;
COMMENT ON FUNCTION @extschema@.account_chapter_of(bigint, text, @extschema@.budget_direction, boolean, boolean) IS 'The chapter an account falls in, in a chart, for a direction and kind of operation: real (DR/RR), order between sections (DOES/ROES, TypOpBudg 2) or within a section (DOIS/ROIS, TypOpBudg 1); NULL when the chart does not hold the account';
