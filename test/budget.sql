-- Budget document checks, as properties over generated documents: a CA of
-- year N, the BP of N+1 that takes over its results and a DM of N+1, all
-- balanced by construction from random amounts, raise no issue; each one
-- perturbed by one cent (keeping every other sum) raises exactly the rule
-- that the perturbation breaks.
BEGIN;
SET search_path = public, pubfin;
SELECT plan(86);

-- One TOTEM line.
CREATE FUNCTION pg_temp.ligne(nature text, contnat text, rd text, op int, amounts text[]) RETURNS text
    LANGUAGE sql IMMUTABLE AS $$
    SELECT format('<LigneBudget><Nature V="%s"/>%s<CodRD V="%s"/>%s<OpBudg V="%s"/>%s</LigneBudget>',
                  nature, CASE WHEN contnat IS NULL THEN '' ELSE format('<ContNat V="%s"/>', contnat) END, rd,
                  (SELECT string_agg(format('<%s V="%s"/>', amounts[i], amounts[i + 1]), '' ORDER BY i)
                     FROM generate_series(1, coalesce(array_length(amounts, 1), 0), 2) i),
                  op, CASE WHEN op = 1 THEN '<TypOpBudg V="2"/>' ELSE '' END)
$$;
-- One TOTEM document around its lines.
CREATE FUNCTION pg_temp.document(natdec text, year int, body text, numdec int DEFAULT NULL) RETURNS bytea
    LANGUAGE sql IMMUTABLE AS $$
    SELECT convert_to(format('<?xml version="1.0" encoding="UTF-8"?>'
        '<DocumentBudgetaire xmlns="http://www.minefi.gouv.fr/cp/demat/docbudgetaire">'
        '<EnTeteDocBudgetaire><LibelleColl V="COMMUNE GÉNÉRÉE"/><IdColl V="21990000800018"/><NatCEPL V="Commune"/></EnTeteDocBudgetaire>'
        '<Budget><EnTeteBudget><LibelleEtab V="BUDGET PRINCIPAL"/><IdEtab V="21990000800018"/><Nomenclature V="M14-M14_COM_500_3500"/></EnTeteBudget>'
        '<BlocBudget><NatDec V="%s"/>%s<Exer V="%s"/><CodTypBud V="P"/></BlocBudget>%s</Budget></DocumentBudgetaire>',
        natdec, CASE WHEN numdec IS NULL THEN '' ELSE format('<NumDec V="%s"/>', numdec) END, year, body), 'UTF8')
$$;
-- A random amount of at least lo and less than lo + span, in cents.
CREATE FUNCTION pg_temp.rnd(lo numeric, span numeric) RETURNS numeric
    LANGUAGE sql VOLATILE AS $$ SELECT round(lo + random()::numeric * span, 2) $$;

-- Generate the three documents of one budget from random amounts; perturb names the one-cent change.
CREATE FUNCTION pg_temp.generate(perturb text) RETURNS bytea[]
    LANGUAGE plpgsql VOLATILE AS $$
DECLARE
    c numeric := 0.01;
    -- CA N
    exp_n int := 2 + (random() * 6)::int;
    e numeric[]; er numeric[];
    subs numeric[]; subs_total numeric;
    o1 numeric := pg_temp.rnd(100, 5000); o1r numeric;
    v numeric := pg_temp.rnd(100, 5000);
    c002 numeric := pg_temp.rnd(0, 1000);
    x numeric; xr numeric; d_rar numeric := pg_temp.rnd(0, 3000);
    t7311 numeric; r7311 numeric; t10222 numeric; r10222 numeric;
    fres numeric; ires numeric;
    -- BP N+1
    a002 numeric; a1068 numeric; p7311 numeric := pg_temp.rnd(1000, 90000); q6063 numeric;
    b2183 numeric; b10222 numeric;
    -- DM N+1
    dmc numeric := pg_temp.rnd(1, 900);
    ca text := ''; bp text := ''; dm text := ''; annex text := '';
    i int;
BEGIN
    e := ARRAY(SELECT pg_temp.rnd(100, 20000) FROM generate_series(1, exp_n));
    er := ARRAY(SELECT round(e[k] * random()::numeric, 2) FROM generate_series(1, exp_n) k);
    subs := ARRAY(SELECT pg_temp.rnd(10, 3000) FROM generate_series(1, 1 + (random() * 8)::int));
    subs_total := (SELECT sum(s) FROM unnest(subs) s);
    o1r := round(o1 * random()::numeric, 2);
    x := o1 + v + pg_temp.rnd(100, 20000);
    xr := round((x - d_rar) * random()::numeric, 2);
    -- operating: expenses, the 6574 line, order 042 and 023, against 7311 and 002
    FOR i IN 1 .. exp_n LOOP
        ca := ca || pg_temp.ligne('606' || i, '011', 'D', 0, ARRAY['CredOuv', e[i]::text, 'MtReal', er[i]::text]);
    END LOOP;
    ca := ca || pg_temp.ligne('6574', '65', 'D', 0, ARRAY['CredOuv', (subs_total + 100)::text, 'MtReal', subs_total::text]);
    ca := ca || pg_temp.ligne('6811', '042', 'D', 1, ARRAY['CredOuv', o1::text,
                               'MtReal', (o1r + CASE WHEN perturb = 'order' THEN c ELSE 0 END)::text]);
    ca := ca || pg_temp.ligne('023', '023', 'D', 1, ARRAY['CredOuv', v::text, 'MtReal', '0.00']);
    t7311 := (SELECT sum(s) FROM unnest(e) s) + subs_total + 100 + o1 + v - c002;
    r7311 := (SELECT sum(s) FROM unnest(er) s) + subs_total + o1r + pg_temp.rnd(0, 50000);
    ca := ca || pg_temp.ligne('7311', '73', 'R', 0,
                              ARRAY['CredOuv', (t7311 + CASE WHEN perturb = 'credit' THEN c ELSE 0 END)::text,
                                    'MtReal', (r7311 + CASE WHEN perturb = 'order' THEN c ELSE 0 END)::text]);
    ca := ca || pg_temp.ligne('002', NULL, 'R', 0, ARRAY['CredOuv', c002::text]);
    -- investment: 2183 against order 040 and 021 and 10222
    ca := ca || pg_temp.ligne('2183', '21', 'D', 0, ARRAY['CredOuv', x::text, 'MtReal', xr::text, 'MtRAR3112', d_rar::text]);
    ca := ca || pg_temp.ligne('28041', '040', 'R', 1, ARRAY['CredOuv', o1::text, 'MtReal', o1r::text]);
    ca := ca || pg_temp.ligne('021', '021', 'R', 1, ARRAY['CredOuv', v::text, 'MtReal', '0.00']);
    t10222 := x - o1 - v;
    r10222 := round(t10222 * random()::numeric, 2);
    ca := ca || pg_temp.ligne('10222', '10', 'R', 0, ARRAY['CredOuv', t10222::text, 'MtReal', r10222::text]);
    FOR i IN 1 .. cardinality(subs) LOOP
        annex := annex || format('<CONCOURS><CodArticle V="6574"/><CodNatJurBenefCA V="P1"/><LibOrgaBenef V="ASSOCIATION %s"/>'
                                 '<MtSubv V="%s"/></CONCOURS>', i, subs[i] + CASE WHEN perturb = 'annex' AND i = 1 THEN c ELSE 0 END);
    END LOOP;
    ca := ca || '<Annexes><DATA_CONCOURS>' || annex || '</DATA_CONCOURS></Annexes>';

    -- BP N+1: takes over the results and the restes à réaliser
    fres := r7311 - (SELECT sum(s) FROM unnest(er) s) - subs_total - o1r;
    ires := o1r + r10222 - xr;
    a002 := round(fres * random()::numeric, 2);
    a1068 := fres - a002;
    q6063 := a002 + p7311;
    bp := pg_temp.ligne('002', NULL, 'R', 0, ARRAY['MtPrev', (a002 + CASE WHEN perturb = 'carry' THEN c ELSE 0 END)::text])
       || pg_temp.ligne('7311', '73', 'R', 0, ARRAY['MtPrev', p7311::text])
       || pg_temp.ligne('6063', '011', 'D', 0, ARRAY['MtPrev', (q6063 + CASE WHEN perturb = 'carry' THEN c ELSE 0 END)::text])
       || pg_temp.ligne('001', NULL, CASE WHEN ires < 0 THEN 'D' ELSE 'R' END, 0, ARRAY['MtPrev', abs(ires)::text])
       || pg_temp.ligne('1068', '10', 'R', 0, ARRAY['MtPrev', a1068::text]);
    b2183 := pg_temp.rnd(d_rar + 1000, 50000);
    bp := bp || pg_temp.ligne('2183', '21', 'D', 0,
                              ARRAY['MtRARPrec', (d_rar + CASE WHEN perturb = 'rar' THEN c ELSE 0 END)::text,
                                    'MtPrev', (b2183 - d_rar - CASE WHEN perturb = 'rar' THEN c ELSE 0 END)::text,
                                    'CredOuv', b2183::text]);
    b10222 := b2183 - ires - a1068;
    bp := bp || pg_temp.ligne('10222', '10', 'R', 0, ARRAY['MtPrev', b10222::text]);

    -- DM 1 of N+1: dmc more taxes, dmc more expenses
    dm := pg_temp.ligne('6063', '011', 'D', 0, ARRAY['MtBudgPrec', (q6063 - CASE WHEN perturb = 'dm' THEN c ELSE 0 END)::text,
                                                     'MtPrev', (dmc + CASE WHEN perturb = 'dm' THEN c ELSE 0 END)::text])
       || pg_temp.ligne('7311', '73', 'R', 0, ARRAY['MtBudgPrec', p7311::text, 'MtPrev', dmc::text])
       || pg_temp.ligne('002', NULL, 'R', 0, ARRAY['MtBudgPrec', a002::text, 'MtPrev', '0.00']);

    RETURN ARRAY[pg_temp.document('09', 2021, ca), pg_temp.document('01', 2022, bp), pg_temp.document('02', 2022, dm, 1)];
END
$$;

-- Load the three documents of one generated budget and return the rules they break.
CREATE FUNCTION pg_temp.issues_of(perturb text, seed double precision) RETURNS text[]
    LANGUAGE plpgsql VOLATILE AS $$
DECLARE
    docs bytea[];
    i int;
BEGIN
    DELETE FROM budget_document;
    PERFORM setseed(seed);
    docs := pg_temp.generate(perturb);
    FOR i IN 1 .. 3 LOOP
        PERFORM load_budget(docs[i], format('generated-%s-%s-%s', perturb, seed, i));
    END LOOP;
    RETURN ARRAY(SELECT DISTINCT rule_code FROM budget_document_issues ORDER BY 1);
END
$$;

-- 12 budgets x (balanced + 6 perturbations) = 84 cases
SELECT is(pg_temp.issues_of(p.perturb, s.seed / 20.0), p.expected,
          format('budget %s, %s: %s', s.seed, p.perturb, CASE WHEN p.expected = '{}' THEN 'no issue' ELSE array_to_string(p.expected, ', ') END))
  FROM generate_series(1, 12) s (seed)
 CROSS JOIN (VALUES ('none', '{}'::text[]),
                    ('credit', '{budget_voted_balance}'),
                    ('order', '{budget_order_balance}'),
                    ('dm', '{budget_dm_net}'),
                    ('carry', '{budget_result_carryover}'),
                    ('rar', '{budget_rar_carryover}'),
                    ('annex', '{budget_concours_total}')) AS p (perturb, expected)
 ORDER BY s.seed, p.perturb;

-- a perturbed annex, and the subsidies made from it: they add up to its entries
SELECT is(pg_temp.issues_of('annex', 0.99), '{budget_concours_total}', 'one more budget, annex: budget_concours_total');
SELECT is((SELECT sum(s.amount)::numeric FROM subsidy s JOIN budget_concours c ON c.subsidy_id = s.id),
          (SELECT sum(l.realised)::numeric FROM budget_document_line l JOIN budget_document d ON d.id = l.document_id
            WHERE d.stage = 'CA' AND l.account = '6574') + 0.01,
          'the subsidies made from the last (perturbed) annex add up to its entries');

SELECT * FROM finish();
ROLLBACK;
