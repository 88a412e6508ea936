// Reads the column metadata of every view in a schema through the PostgreSQL
// JDBC driver, as BI tools do, and reports each column a dashboard would get
// wrong: an opaque type, a string or an opaque value where a number or a date
// is meant, a numeric without declared precision and scale, a count that is
// not an integer, a float where an amount or a share is meant.  The views
// are listed from the catalog, so a view added
// later is checked too.  Views named in the system property "textViews"
// (comma-separated; "name*" for every view whose name starts with name) are
// text by design and only checked to be all text.
//
//   java -cp /usr/share/java/postgresql.jar test/bi/ViewTypes.java DATABASE [SCHEMA]
//
// Connects with the PG* environment (PGHOST, PGPORT, PGUSER, PGPASSWORD).
// Prints one line per view ("ok - view: n columns") or per bad column
// ("not ok - view.column: why"); exits 1 when a column is bad, 2 on an error.
import java.sql.*;
import java.util.*;
import java.util.regex.Pattern;

public class ViewTypes {
    // The meaning of a column is read from the words of its name (split on
    // "_"), the last word first: "rar_year_end" (an amount) is not a date,
    // "awarded_on" is not an amount, "amount_currency" is not a number.
    // A column whose declared type is a numeric with a declared scale above
    // zero is a measured quantity whatever its name says: the year, count and
    // date heuristics do not apply to it.

    // Words that mean a number: amounts, totals, shares, percentages, ratios,
    // budget figures (voted, realised, restes à réaliser)
    static final Set<String> NUMBER_WORDS = new HashSet<>(Arrays.asList(
        "amount", "total", "totals", "cost", "share", "percent", "percentage", "pourcentage", "ratio",
        "funds", "appropriation", "awarded", "remaining", "measured", "threshold", "gap",
        "voted", "realised", "realized", "rar", "expenses", "receipts"));
    // Last words that make a name a label, a code, a key or a list, whatever it
    // starts with (amount_currency, share_kind, gap_years)
    static final Set<String> TEXT_WORDS = new HashSet<>(Arrays.asList(
        "name", "label", "code", "kind", "type", "currency", "text", "key", "unit", "status", "source",
        "note", "notes", "comment", "reference", "ref", "description", "category", "rule", "message",
        "url", "siret", "siren", "rna", "id", "ids", "raw", "kinds", "reason", "reasons", "years", "series",
        "list", "flag", "flags"));
    // Last words that mean a date
    static final Set<String> DATE_LAST = new HashSet<>(Arrays.asList("date", "on", "at"));
    // Last words that mean a date when no word of the name means a number
    static final Set<String> BOUND_LAST = new HashSet<>(Arrays.asList("start", "end"));
    // Names that mean a count (an integer)
    static final Pattern COUNT = Pattern.compile("^n_|_count$|^years_funded$|^streak$|^renewals$|^gaps$");

    // The words of a column name
    static List<String> words(String lc) {
        return Arrays.asList(lc.split("_+"));
    }

    // Whether the name means a number: a number word that is not followed by a text word at the end
    static boolean meansNumber(List<String> w) {
        String last = w.get(w.size() - 1);
        if (TEXT_WORDS.contains(last) || DATE_LAST.contains(last)) return false;
        for (String x : w) if (NUMBER_WORDS.contains(x)) return true;
        return false;
    }

    // Whether the name means a year: its last word is "year" and no word means a number
    static boolean meansYear(List<String> w) {
        return w.get(w.size() - 1).equals("year") && !meansNumber(w);
    }

    // Whether the name means a date: ends in date/on/at, starts with date_
    // (dateConvention written date_convention), or ends in start/end with no
    // number word (payment_end is a date, rar_year_end an amount)
    static boolean meansDate(List<String> w) {
        String last = w.get(w.size() - 1);
        if (DATE_LAST.contains(last)) return true;
        if (w.size() > 1 && w.get(0).equals("date") && !TEXT_WORDS.contains(last)) return true;
        return BOUND_LAST.contains(last) && !meansNumber(w) && !w.contains("year");
    }

    // Whether the JDBC type is a number
    static boolean isNumber(int t) {
        return t == Types.NUMERIC || t == Types.DECIMAL || t == Types.INTEGER || t == Types.SMALLINT
            || t == Types.BIGINT || t == Types.REAL || t == Types.DOUBLE || t == Types.FLOAT;
    }

    // Whether the JDBC type is one a BI tool cannot read as a plain value
    static boolean isOpaque(int t) {
        return t == Types.OTHER || t == Types.JAVA_OBJECT || t == Types.STRUCT || t == Types.DISTINCT
            || t == Types.BINARY || t == Types.VARBINARY || t == Types.LONGVARBINARY;
    }

    // Reports one bad column
    static int bad(String view, String col, String why) {
        System.out.println("not ok - " + view + "." + col + ": " + why);
        return 1;
    }

    // Checks one view's columns; returns the number of bad columns
    static int checkView(Connection c, String schema, String view, boolean textByDesign) throws SQLException {
        int bads = 0;
        String q = "SELECT * FROM \"" + schema.replace("\"", "\"\"") + "\".\"" + view.replace("\"", "\"\"") + "\" WHERE false";
        try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery(q)) {
            ResultSetMetaData md = rs.getMetaData();
            int n = md.getColumnCount();
            for (int i = 1; i <= n; i++) {
                String col = md.getColumnName(i);
                int t = md.getColumnType(i);
                String tn = md.getColumnTypeName(i);
                int p = md.getPrecision(i), s = md.getScale(i);
                String desc = tn + " (java.sql.Types " + t + ", precision " + p + ", scale " + s + ")";
                if (textByDesign) {
                    if (t != Types.VARCHAR)
                        bads += bad(view, col, "a text-by-design view has a column of type " + desc);
                    continue;
                }
                String lc = col.toLowerCase(Locale.ROOT);
                List<String> w = words(lc);
                boolean scaled = (t == Types.NUMERIC || t == Types.DECIMAL) && p > 0 && s > 0;
                boolean dateType = t == Types.DATE || t == Types.TIMESTAMP || t == Types.TIMESTAMP_WITH_TIMEZONE;
                if (isOpaque(t) && !(tn.equals("json") || tn.equals("jsonb")))
                    bads += bad(view, col, "opaque type " + desc);
                else if ((t == Types.NUMERIC || t == Types.DECIMAL) && p == 0)
                    bads += bad(view, col, "numeric without declared precision and scale: " + desc);
                else if (!scaled && meansYear(w) && t != Types.INTEGER && t != Types.SMALLINT)
                    bads += bad(view, col, "a year should be an integer, is " + desc);
                else if (!scaled && COUNT.matcher(lc).find() && t != Types.INTEGER && t != Types.SMALLINT)
                    bads += bad(view, col, "a count should be an integer (node pg returns a bigint as a string), is " + desc);
                else if (meansNumber(w) && !isNumber(t))
                    bads += bad(view, col, "a number is meant, the driver sees " + desc);
                else if (meansNumber(w) && (t == Types.REAL || t == Types.DOUBLE || t == Types.FLOAT))
                    bads += bad(view, col, "a float where an exact decimal is meant (money is never a float): " + desc);
                else if (!scaled && meansDate(w) && !dateType)
                    bads += bad(view, col, "a date is meant, the driver sees " + desc);
                else if (t == Types.BIGINT && !lc.equals("id") && !lc.endsWith("_id"))
                    bads += bad(view, col, "bigint that is not an identifier (node pg returns it as a string): " + desc);
            }
            if (bads == 0)
                System.out.println("ok - " + view + ": " + n + " columns");
        }
        return bads;
    }

    // Whether a view is text by design: named in the list, or matching an entry ending in *
    static boolean isTextView(Set<String> textViews, String view) {
        for (String t : textViews) {
            if (t.isEmpty()) continue;
            if (t.endsWith("*") ? view.startsWith(t.substring(0, t.length() - 1)) : view.equals(t)) return true;
        }
        return false;
    }

    public static void main(String[] args) throws Exception {
        if (args.length < 1) {
            System.err.println("usage: ViewTypes DATABASE [SCHEMA]");
            System.exit(2);
        }
        String schema = args.length > 1 ? args[1] : "pubfin";
        Set<String> textViews = new HashSet<>(Arrays.asList(System.getProperty("textViews", "").split(",")));
        Map<String, String> env = System.getenv();
        String host = env.getOrDefault("PGHOST", "localhost");
        if (host.startsWith("/")) host = "localhost";
        String url = "jdbc:postgresql://" + host + ":" + env.getOrDefault("PGPORT", "5432") + "/" + args[0];
        Properties props = new Properties();
        props.setProperty("user", env.getOrDefault("PGUSER", System.getProperty("user.name")));
        if (env.containsKey("PGPASSWORD")) props.setProperty("password", env.get("PGPASSWORD"));
        int bads = 0, views = 0;
        try (Connection c = DriverManager.getConnection(url, props)) {
            DatabaseMetaData dm = c.getMetaData();
            System.out.println("# " + dm.getDriverName() + " " + dm.getDriverVersion() + " on " + dm.getDatabaseProductName() + " " + dm.getDatabaseProductVersion());
            List<String> names = new ArrayList<>();
            try (PreparedStatement ps = c.prepareStatement(
                    "SELECT c.relname FROM pg_catalog.pg_class c JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace"
                    + " WHERE n.nspname = ? AND c.relkind IN ('v', 'm') ORDER BY 1")) {
                ps.setString(1, schema);
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) names.add(rs.getString(1));
                }
            }
            for (String v : names) {
                views++;
                bads += checkView(c, schema, v, isTextView(textViews, v));
            }
        } catch (SQLException e) {
            System.err.println("error: " + e.getMessage());
            System.exit(2);
        }
        if (views == 0) {
            System.out.println("not ok - no view in schema " + schema);
            System.exit(1);
        }
        System.out.println("# " + views + " views, " + bads + " bad columns");
        System.exit(bads == 0 ? 0 : 1);
    }
}
