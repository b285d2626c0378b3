package org.systemmetrics.core.config;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads {@code system_metrics.config}: the MongooseIM form {@code {services, [{service_mongoose_system_metrics,
 * [...]}]}.}, or the bare {@code {service_mongoose_system_metrics, [...]}} entry, possibly among other
 * top-level terms of a larger file. Bare atoms in the entry's list ({@code report}, {@code no_report}) mean
 * "true"; {@code {Key, Value}} tuples give the other settings.
 */
public final class ErlangConfigReader {
    static final String SERVICES = "services";
    static final String ENTRY = "service_mongoose_system_metrics";

    private ErlangConfigReader() {
    }

    public static ConfigFileContent read(String text, String fileName) {
        ErlangTermParser.Result parsed;
        try {
            parsed = ErlangTermParser.parse(text);
        } catch (ErlangTermParser.SyntaxError e) {
            return ConfigFileContent.unreadable(ConfigProblem.error(fileName + ": " + e.getMessage()
                    + ". The file cannot be read, so reporting stays off until it is fixed."));
        }
        List<ConfigProblem> problems = new ArrayList<>();
        parsed.warnings.forEach(w -> problems.add(ConfigProblem.warning(fileName + ": " + w)));
        ErlangTerm.ListTerm entryOptions = null;
        for (ErlangTerm term : parsed.terms) {
            ErlangTerm.ListTerm found = findEntry(term, true);
            if (found != null) {
                entryOptions = found;
                break;
            }
        }
        if (entryOptions == null) {
            return ConfigFileContent.withoutEntry(problems);
        }
        Map<String, ConfigValue> entry = new LinkedHashMap<>();
        for (ErlangTerm option : entryOptions.elements) {
            if (option instanceof ErlangTerm.Atom) {
                entry.put(((ErlangTerm.Atom) option).name, new ConfigValue(Boolean.TRUE, option.line));
            } else if (option instanceof ErlangTerm.Tuple && ((ErlangTerm.Tuple) option).elements.size() == 2
                    && ((ErlangTerm.Tuple) option).elements.get(0) instanceof ErlangTerm.Atom) {
                List<ErlangTerm> pair = ((ErlangTerm.Tuple) option).elements;
                entry.put(((ErlangTerm.Atom) pair.get(0)).name, valueOf(pair.get(1)));
            } else {
                problems.add(ConfigProblem.error(fileName + ", line " + option.line + ": an option of "
                        + ENTRY + " must be an atom such as report or a {key, Value} pair; " + option + " is ignored"));
            }
        }
        return ConfigFileContent.withEntry(entry, problems);
    }

    /** The entry's option list, looked for at the top level, inside {services, [...]}, or in a top-level list. */
    private static ErlangTerm.ListTerm findEntry(ErlangTerm term, boolean topLevel) {
        if (term instanceof ErlangTerm.Tuple) {
            List<ErlangTerm> elements = ((ErlangTerm.Tuple) term).elements;
            if (elements.size() == 2 && elements.get(0) instanceof ErlangTerm.Atom) {
                String name = ((ErlangTerm.Atom) elements.get(0)).name;
                if (ENTRY.equals(name)) {
                    return elements.get(1) instanceof ErlangTerm.ListTerm
                            ? (ErlangTerm.ListTerm) elements.get(1)
                            : new ErlangTerm.ListTerm(List.of(), term.line);
                }
                if (topLevel && SERVICES.equals(name) && elements.get(1) instanceof ErlangTerm.ListTerm) {
                    return findEntry(elements.get(1), false);
                }
            }
        } else if (term instanceof ErlangTerm.ListTerm) {
            for (ErlangTerm element : ((ErlangTerm.ListTerm) term).elements) {
                if (element instanceof ErlangTerm.Atom && ENTRY.equals(((ErlangTerm.Atom) element).name)) {
                    return new ErlangTerm.ListTerm(List.of(), element.line); // {services, [service_mongoose_system_metrics]}
                }
                ErlangTerm.ListTerm found = findEntry(element, topLevel);
                if (found != null) {
                    return found;
                }
            }
        }
        return null;
    }

    private static ConfigValue valueOf(ErlangTerm term) {
        if (term instanceof ErlangTerm.Int) {
            BigInteger v = ((ErlangTerm.Int) term).value;
            return new ConfigValue(v.bitLength() < 64 ? (Object) v.longValue() : v, term.line);
        }
        if (term instanceof ErlangTerm.Float) {
            return new ConfigValue(((ErlangTerm.Float) term).value, term.line);
        }
        if (term instanceof ErlangTerm.Text) {
            return new ConfigValue(((ErlangTerm.Text) term).value, term.line);
        }
        if (term instanceof ErlangTerm.Atom) {
            String name = ((ErlangTerm.Atom) term).name;
            Object value = "true".equals(name) ? Boolean.TRUE : "false".equals(name) ? (Object) Boolean.FALSE : name;
            return new ConfigValue(value, term.line);
        }
        List<ErlangTerm> elements = term instanceof ErlangTerm.Tuple
                ? ((ErlangTerm.Tuple) term).elements
                : ((ErlangTerm.ListTerm) term).elements;
        if (term instanceof ErlangTerm.Tuple && elements.size() == 2 && elements.get(0) instanceof ErlangTerm.Text) {
            // {tracking_id, {"G-XXXXXXX", "API_SECRET"}}
            Map<String, ConfigValue> idAndSecret = new LinkedHashMap<>();
            idAndSecret.put("id", valueOf(elements.get(0)));
            idAndSecret.put("secret", valueOf(elements.get(1)));
            return new ConfigValue(idAndSecret, term.line);
        }
        if (term instanceof ErlangTerm.ListTerm && !elements.isEmpty() && elements.stream().allMatch(ErlangConfigReader::isKeyedPair)) {
            // A proplist such as [{id, "G-..."}, {secret, "..."}] reads as one map.
            Map<String, ConfigValue> map = new LinkedHashMap<>();
            for (ErlangTerm element : elements) {
                List<ErlangTerm> pair = ((ErlangTerm.Tuple) element).elements;
                map.put(((ErlangTerm.Atom) pair.get(0)).name, valueOf(pair.get(1)));
            }
            return new ConfigValue(map, term.line);
        }
        List<ConfigValue> values = new ArrayList<>();
        for (ErlangTerm element : elements) {
            values.add(valueOf(element));
        }
        return new ConfigValue(values, term.line);
    }

    private static boolean isKeyedPair(ErlangTerm term) {
        return term instanceof ErlangTerm.Tuple && ((ErlangTerm.Tuple) term).elements.size() == 2
                && ((ErlangTerm.Tuple) term).elements.get(0) instanceof ErlangTerm.Atom;
    }
}
