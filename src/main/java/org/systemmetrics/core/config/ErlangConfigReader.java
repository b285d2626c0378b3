package org.systemmetrics.core.config;

import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

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
        List<ErlangTerm> entries = new ArrayList<>();
        for (ErlangTerm term : parsed.terms) {
            findEntries(term, true, entries);
        }
        Optional<ErlangTerm.BareWord> stray = strayBareWord(parsed.terms, entries);
        if (stray.isPresent()) {
            return ConfigFileContent.unreadable(ConfigProblem.error(fileName + ": line " + stray.get().line
                    + ": unexpected unquoted word starting with '" + stray.get().text.charAt(0) + "': a text must be in "
                    + "double quotes (\"...\"), an atom must start with a lower-case letter. The file cannot be read, so "
                    + "reporting stays off until it is fixed."));
        }
        List<ConfigProblem> strays = OptOut.capped(strayOptOuts(parsed.terms, entries, fileName), fileName);
        if (entries.isEmpty()) {
            return ConfigFileContent.withoutEntry(problems).withOptOutDoubts(strays);
        }
        ErlangTerm first = entries.get(0);
        Map<String, ConfigValue> entry = new LinkedHashMap<>();
        List<ConfigProblem> doubts = new ArrayList<>();
        if (entries.size() > 1) {
            doubts.add(doubt(fileName, entries.get(1).line, ENTRY + " is written " + entries.size() + " times (again "
                    + "here; first on line " + first.line + "); keep one entry with all its settings."));
        }
        if (!(first instanceof ErlangTerm.ListTerm)) {
            doubts.add(doubt(fileName, first.line, "the settings of " + ENTRY + " must be a list such as [report, "
                    + "{initial_report, 300000}], not a single value."));
        } else {
            for (ErlangTerm option : ((ErlangTerm.ListTerm) first).elements) {
                String key;
                ConfigValue value;
                if (option instanceof ErlangTerm.Atom) {
                    key = ((ErlangTerm.Atom) option).name;
                    value = new ConfigValue(Boolean.TRUE, option.line);
                } else if (isKeyedPair(option)) {
                    List<ErlangTerm> pair = ((ErlangTerm.Tuple) option).elements;
                    key = ((ErlangTerm.Atom) pair.get(0)).name;
                    value = valueOf(pair.get(1));
                } else {
                    doubts.add(doubt(fileName, option.line, "an option of " + ENTRY + " must be an atom such as "
                            + "no_report or a {key, Value} pair whose key is an atom; " + LogText.oneLine(option.toString(),
                            LogText.MAX_CHARS) + " is neither."));
                    continue;
                }
                if (entry.containsKey(key)) {
                    doubts.add(doubt(fileName, option.line, "the key '" + LogText.oneLine(key, LogText.MAX_CHARS)
                            + "' is written twice in " + ENTRY + " (first on line " + entry.get(key).line()
                            + "); keep one."));
                    continue;
                }
                entry.put(key, value);
            }
        }
        doubts.addAll(strays);
        return ConfigFileContent.withEntry(entry, problems).withOptOutDoubts(doubts);
    }

    private static ConfigProblem doubt(String fileName, int line, String what) {
        return ConfigProblem.error(fileName + ", line " + line + ": " + what + OptOut.advice(ConfigOrigin.Kind.ERLANG));
    }

    /**
     * The entries' settings (a list, or whatever was written in its place), looked for at the top level, inside
     * {services, [...]}, or in a top-level list. Every one is collected: two entries make the opt-out unclear.
     */
    private static void findEntries(ErlangTerm term, boolean topLevel, List<ErlangTerm> found) {
        if (term instanceof ErlangTerm.Tuple) {
            List<ErlangTerm> elements = ((ErlangTerm.Tuple) term).elements;
            if (elements.size() == 2 && elements.get(0) instanceof ErlangTerm.Atom) {
                String name = ((ErlangTerm.Atom) elements.get(0)).name;
                if (ENTRY.equals(name)) {
                    found.add(elements.get(1));
                } else if (topLevel && SERVICES.equals(name) && elements.get(1) instanceof ErlangTerm.ListTerm) {
                    findEntries(elements.get(1), false, found);
                }
            }
        } else if (term instanceof ErlangTerm.ListTerm) {
            for (ErlangTerm element : ((ErlangTerm.ListTerm) term).elements) {
                if (element instanceof ErlangTerm.Atom && ENTRY.equals(((ErlangTerm.Atom) element).name)) {
                    found.add(new ErlangTerm.ListTerm(List.of(), element.line)); // {services, [service_mongoose_system_metrics]}
                } else {
                    findEntries(element, topLevel, found);
                }
            }
        }
    }

    /**
     * Every word outside the one place an opt-out is read (an option of the entry itself) that may be meant as
     * one: a top-level term, a term beside the entry in services, or a word nested at any depth. The entries'
     * option values are walked first, as in the YAML reader.
     */
    private static List<ConfigProblem> strayOptOuts(List<ErlangTerm> terms, List<ErlangTerm> entries, String fileName) {
        StrayWalk walk = new StrayWalk(entries, fileName);
        for (List<ErlangTerm> pair : keyedOptions(entries)) {
            if (!Setting.fileKeys().contains(wordOf(pair.get(0)))) {
                walk.value(pair.get(0), pair.get(1), OptOut.Place.IN_ENTRY_VALUE);
            }
            walk.nested(pair.get(1), OptOut.Place.IN_ENTRY_VALUE, 0);
        }
        terms.forEach(term -> walk.outside(term, OptOut.Place.TOP_LEVEL, OptOut.Place.NESTED, true));
        return walk.found;
    }

    /** One walk over the terms, knowing which lists are the entries' settings (judged by {@link #read}). */
    private static final class StrayWalk {
        private final Set<ErlangTerm> entries = Collections.newSetFromMap(new IdentityHashMap<>());
        private final String fileName;
        private final List<ConfigProblem> found = new ArrayList<>();

        StrayWalk(List<ErlangTerm> entries, String fileName) {
            this.entries.addAll(entries);
            this.fileName = fileName;
        }

        /**
         * A term at the top level, or beside the entry under services ({@code topLevel} false); a list is looked
         * into as findEntries looks into it.
         */
        void outside(ErlangTerm term, OptOut.Place wordPlace, OptOut.Place nestedPlace, boolean topLevel) {
            if (isKeyedPair(term)) {
                List<ErlangTerm> pair = ((ErlangTerm.Tuple) term).elements;
                if (entries.contains(pair.get(1))) {
                    return;
                }
                if (topLevel && SERVICES.equals(wordOf(pair.get(0))) && pair.get(1) instanceof ErlangTerm.ListTerm) {
                    ((ErlangTerm.ListTerm) pair.get(1)).elements.forEach(service ->
                            outside(service, OptOut.Place.BESIDE_ENTRY, OptOut.Place.OTHER_SERVICE, false));
                    return;
                }
                word(pair.get(0), pair.get(1), wordPlace);
                nested(pair.get(1), nestedPlace, 0);
            } else if (term instanceof ErlangTerm.ListTerm) {
                ((ErlangTerm.ListTerm) term).elements.forEach(t -> outside(t, wordPlace, nestedPlace, topLevel));
            } else if (wordOf(term) != null) {
                word(term, null, wordPlace);
            } else {
                nested(term, nestedPlace, 0);
            }
        }

        void nested(ErlangTerm term, OptOut.Place place, int depth) {
            if (depth > ErlangTermParser.MAX_DEPTH + 2 || entries.contains(term)) {
                return;
            }
            if (isKeyedPair(term)) {
                List<ErlangTerm> pair = ((ErlangTerm.Tuple) term).elements;
                word(pair.get(0), pair.get(1), place);
                nested(pair.get(1), place, depth + 1);
            } else if (term instanceof ErlangTerm.Compound) {
                boolean list = term instanceof ErlangTerm.ListTerm;
                for (ErlangTerm element : ((ErlangTerm.Compound) term).elements) {
                    if (element instanceof ErlangTerm.Atom || (list && element instanceof ErlangTerm.Text)) {
                        word(element, null, place); // a word in a list, as in [no_report], means "true"
                    } else {
                        nested(element, place, depth + 1);
                    }
                }
            }
        }

        /** @param value the term the word is the key of, or null for a word standing alone */
        private void word(ErlangTerm word, ErlangTerm value, OptOut.Place place) {
            String text = wordOf(word);
            if (ENTRY.equals(text)) {
                return; // {services, [service_mongoose_system_metrics]}: an entry without settings
            }
            OptOut.strayMention(text, value == null ? Boolean.TRUE : valueOf(value).value(), place)
                    .ifPresent(m -> found.add(OptOut.stray(fileName, word.line, m, place, ConfigOrigin.Kind.ERLANG)));
            if (value != null) {
                value(word, value, place);
            }
        }

        /** An atom or text value that spells no_report: {@code {mode, no_report}}. */
        void value(ErlangTerm key, ErlangTerm value, OptOut.Place place) {
            String text = wordOf(value);
            if (text != null) {
                OptOut.strayValue(wordOf(key), text).ifPresent(m ->
                        found.add(OptOut.stray(fileName, value.line, m, place, ConfigOrigin.Kind.ERLANG)));
            }
        }
    }

    /**
     * An unquoted word is accepted only as (part of) the value of tracking_id in our entry, where the
     * announcement put one; anywhere else the file is not Erlang and is refused.
     */
    private static Optional<ErlangTerm.BareWord> strayBareWord(List<ErlangTerm> terms, List<ErlangTerm> entries) {
        Set<ErlangTerm> allowed = Collections.newSetFromMap(new IdentityHashMap<>());
        for (List<ErlangTerm> pair : keyedOptions(entries)) {
            if (Setting.TRACKING_ID.key().equals(wordOf(pair.get(0)))) {
                collectBareWords(pair.get(1), allowed, 0);
            }
        }
        Set<ErlangTerm> all = Collections.newSetFromMap(new IdentityHashMap<>());
        for (ErlangTerm term : terms) {
            collectBareWords(term, all, 0);
        }
        return all.stream().filter(w -> !allowed.contains(w)).map(w -> (ErlangTerm.BareWord) w)
                .min(Comparator.comparingInt(w -> w.line));
    }

    private static void collectBareWords(ErlangTerm term, Set<ErlangTerm> into, int depth) {
        if (term instanceof ErlangTerm.BareWord) {
            into.add(term);
        } else if (depth < ErlangTermParser.MAX_DEPTH + 2) {
            List<ErlangTerm> elements = term instanceof ErlangTerm.Compound ? ((ErlangTerm.Compound) term).elements
                    : List.of();
            for (ErlangTerm element : elements) {
                collectBareWords(element, into, depth + 1);
            }
        }
    }

    private static ConfigValue valueOf(ErlangTerm term) {
        if (term instanceof ErlangTerm.Num) {
            return new ConfigValue(((ErlangTerm.Num) term).value, term.line);
        }
        if (term instanceof ErlangTerm.Text) {
            return new ConfigValue(((ErlangTerm.Text) term).value, term.line);
        }
        if (term instanceof ErlangTerm.BareWord) {
            return new ConfigValue(term, term.line);
        }
        if (term instanceof ErlangTerm.Atom) {
            String name = ((ErlangTerm.Atom) term).name;
            Object value = "true".equals(name) ? Boolean.TRUE : "false".equals(name) ? (Object) Boolean.FALSE : name;
            return new ConfigValue(value, term.line);
        }
        List<ErlangTerm> elements = ((ErlangTerm.Compound) term).elements;
        if (term instanceof ErlangTerm.Tuple && elements.size() == 2 && (elements.get(0) instanceof ErlangTerm.Text
                || elements.get(0) instanceof ErlangTerm.BareWord)) {
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

    /** Every {key, Value} option in the entries' lists, as its two elements. */
    private static List<List<ErlangTerm>> keyedOptions(List<ErlangTerm> entries) {
        return entries.stream().filter(ErlangTerm.ListTerm.class::isInstance)
                .flatMap(settings -> ((ErlangTerm.ListTerm) settings).elements.stream())
                .filter(ErlangConfigReader::isKeyedPair).map(option -> ((ErlangTerm.Tuple) option).elements)
                .collect(Collectors.toList());
    }

    /** An atom's name or a text's value; null for any other term. */
    private static String wordOf(ErlangTerm term) {
        return term instanceof ErlangTerm.Atom ? ((ErlangTerm.Atom) term).name
                : term instanceof ErlangTerm.Text ? ((ErlangTerm.Text) term).value : null;
    }

    private static boolean isKeyedPair(ErlangTerm term) {
        return term instanceof ErlangTerm.Tuple && ((ErlangTerm.Tuple) term).elements.size() == 2
                && ((ErlangTerm.Tuple) term).elements.get(0) instanceof ErlangTerm.Atom;
    }
}
