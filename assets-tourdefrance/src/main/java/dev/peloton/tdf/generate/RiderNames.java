package dev.peloton.tdf.generate;

import java.text.Normalizer;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * Pools of common first and last names per country, combined at random into synthetic rider names.
 * Nationalities are weighted roughly like the 2023 peloton's.
 */
final class RiderNames {

    private record Pool(int weight, List<String> first, List<String> last) {
    }

    private static final Map<String, Pool> POOLS = Map.ofEntries(
            Map.entry("FRA", new Pool(32,
                    List.of("Julien", "Thomas", "Romain", "Pierre", "Maxime", "Benoît", "Guillaume", "Quentin", "Alexis",
                            "Florian", "Clément", "Valentin", "Hugo", "Mathis", "Lucas", "Théo"),
                    List.of("Martin", "Bernard", "Dubois", "Lefèvre", "Moreau", "Laurent", "Girard", "Roux", "Fournier",
                            "Mercier", "Blanchard", "Garnier", "Chevalier", "Perrin", "Morel", "Faure", "Rousseau",
                            "Lambert"))),
            Map.entry("BEL", new Pool(25,
                    List.of("Jens", "Stijn", "Pieter", "Tim", "Arne", "Bram", "Ruben", "Jasper", "Sander", "Dries",
                            "Lennert", "Milan", "Kobe", "Senne"),
                    List.of("Peeters", "Janssens", "Maes", "Jacobs", "Mertens", "Willems", "Claes", "Goossens", "Wouters",
                            "De Smet", "Verhoeven", "Van den Broeck", "Hermans", "Lemmens"))),
            Map.entry("ITA", new Pool(12,
                    List.of("Matteo", "Andrea", "Luca", "Davide", "Simone", "Alessandro", "Marco", "Federico", "Lorenzo",
                            "Filippo"),
                    List.of("Rossi", "Russo", "Ferrari", "Esposito", "Bianchi", "Romano", "Colombo", "Ricci", "Marino",
                            "Greco", "Gallo", "Conti"))),
            Map.entry("ESP", new Pool(14,
                    List.of("Javier", "Carlos", "Sergio", "Daniel", "Pablo", "Álvaro", "Iván", "Jorge", "Raúl", "Mikel",
                            "Ion", "Unai"),
                    List.of("García", "Fernández", "González", "Rodríguez", "López", "Martínez", "Sánchez", "Pérez",
                            "Gómez", "Ruiz", "Etxeberria", "Aguirre"))),
            Map.entry("NED", new Pool(13,
                    List.of("Daan", "Bart", "Sem", "Joris", "Niels", "Thijs", "Koen", "Wessel", "Stefan", "Jesse"),
                    List.of("de Jong", "Jansen", "de Vries", "van den Berg", "Bakker", "Visser", "Smit", "Meijer",
                            "Mulder", "de Boer", "Bos", "Hendriks"))),
            Map.entry("DEN", new Pool(8,
                    List.of("Mikkel", "Rasmus", "Kasper", "Frederik", "Søren", "Anders", "Magnus", "Emil"),
                    List.of("Jensen", "Nielsen", "Hansen", "Andersen", "Christensen", "Larsen", "Sørensen", "Rasmussen",
                            "Jørgensen"))),
            Map.entry("GER", new Pool(8,
                    List.of("Maximilian", "Jonas", "Lukas", "Felix", "Tobias", "Niklas", "Simon", "Moritz"),
                    List.of("Müller", "Schmidt", "Schneider", "Fischer", "Weber", "Meyer", "Wagner", "Becker", "Hoffmann",
                            "Schulz"))),
            Map.entry("GBR", new Pool(7,
                    List.of("James", "Oliver", "Harry", "George", "Samuel", "Daniel", "Owen", "Joseph"),
                    List.of("Smith", "Jones", "Taylor", "Brown", "Williams", "Wilson", "Johnson", "Davies", "Evans",
                            "Walker"))),
            Map.entry("AUS", new Pool(8,
                    List.of("Jack", "Lachlan", "Riley", "Cameron", "Luke", "Callum", "Nathan", "Liam"),
                    List.of("Murphy", "Kelly", "Ryan", "White", "Harris", "Clarke", "Campbell", "Mitchell"))),
            Map.entry("USA", new Pool(5,
                    List.of("Tyler", "Kevin", "Brandon", "Matthew", "Joshua", "Andrew", "Caleb", "Ethan"),
                    List.of("Miller", "Davis", "Anderson", "Thompson", "Moore", "Jackson", "Robinson", "Lewis"))),
            Map.entry("NOR", new Pool(7,
                    List.of("Sindre", "Erlend", "Markus", "Kristoffer", "Sondre", "Håkon", "Eirik", "Vegard"),
                    List.of("Johansen", "Olsen", "Berg", "Haugen", "Hagen", "Eriksen", "Bakken", "Lie"))),
            Map.entry("SUI", new Pool(5,
                    List.of("Marc", "Silvan", "Reto", "Mauro", "Yannick", "Fabian"),
                    List.of("Meier", "Keller", "Brunner", "Baumann", "Frei", "Gerber", "Huber"))),
            Map.entry("COL", new Pool(5,
                    List.of("Andrés", "Juan", "Santiago", "Camilo", "Sebastián", "Diego"),
                    List.of("Moreno", "Rojas", "Cárdenas", "Vargas", "Castro", "Ortiz", "Jiménez"))),
            Map.entry("SLO", new Pool(3,
                    List.of("Luka", "Matej", "Jan", "Žiga", "Gašper"),
                    List.of("Novak", "Horvat", "Kovačič", "Krajnc", "Zupan", "Potočnik", "Mlakar"))),
            Map.entry("POR", new Pool(3,
                    List.of("João", "Rui", "Tiago", "Nuno", "Miguel"),
                    List.of("Silva", "Santos", "Ferreira", "Pereira", "Oliveira", "Carvalho"))),
            Map.entry("AUT", new Pool(3,
                    List.of("Patrick", "Gregor", "Stefan", "Florian"),
                    List.of("Gruber", "Bauer", "Pichler", "Steiner", "Hofer"))),
            Map.entry("CAN", new Pool(3,
                    List.of("Connor", "Alexandre", "Liam", "Ethan"),
                    List.of("Tremblay", "Gagnon", "Roy", "Côté", "Bouchard", "MacDonald"))),
            Map.entry("ERI", new Pool(2,
                    List.of("Amanuel", "Dawit", "Yonas", "Henok", "Filmon"),
                    List.of("Tesfay", "Kidane", "Berhane", "Habte", "Yemane"))),
            Map.entry("KAZ", new Pool(2,
                    List.of("Alexey", "Dmitriy", "Yevgeniy", "Nurbek", "Artyom"),
                    List.of("Zhakupov", "Abdrakhmanov", "Serikbayev", "Ivanov", "Kuznetsov"))),
            Map.entry("IRL", new Pool(2,
                    List.of("Conor", "Eoin", "Seán", "Cian"),
                    List.of("Byrne", "O'Brien", "Walsh", "O'Sullivan", "Doyle"))),
            Map.entry("NZL", new Pool(2,
                    List.of("Finn", "Aaron", "Jordan", "Corbin"),
                    List.of("Thomson", "Robertson", "Stewart", "Wright"))));

    /** Countries in a fixed order, so that draws do not depend on map iteration order. */
    private static final List<String> COUNTRIES = POOLS.keySet().stream().sorted().toList();
    private static final int TOTAL_WEIGHT = COUNTRIES.stream().mapToInt(c -> POOLS.get(c).weight()).sum();

    private RiderNames() {
    }

    /** A rider's country: often the team's own country (when names exist for it), otherwise the peloton's mix. */
    static String country(SplittableRandom r, String teamCountry) {
        if (POOLS.containsKey(teamCountry) && r.nextDouble() < 0.5) {
            return teamCountry;
        }
        int pick = r.nextInt(TOTAL_WEIGHT);
        for (String c : COUNTRIES) {
            pick -= POOLS.get(c).weight();
            if (pick < 0) {
                return c;
            }
        }
        throw new IllegalStateException("unreachable: weights sum to " + TOTAL_WEIGHT);
    }

    /** A synthetic name for a rider of the country. */
    static String name(SplittableRandom r, String country) {
        Pool p = POOLS.get(country);
        return p.first().get(r.nextInt(p.first().size())) + " " + p.last().get(r.nextInt(p.last().size()));
    }

    /** Lower-case ASCII with dashes: "Søren Jørgensen" -> "soren-jorgensen", "Cian O'Brien" -> "cian-obrien". */
    static String slug(String name) {
        String s = name.toLowerCase(java.util.Locale.ROOT)
                .replace("ø", "o").replace("æ", "ae").replace("ß", "ss").replace("đ", "d").replace("ł", "l");
        s = Normalizer.normalize(s, Normalizer.Form.NFD).replaceAll("\\p{M}+", "");
        s = s.replace("'", "").replaceAll("[^a-z0-9]+", "-");
        return s.replaceAll("^-+|-+$", "");
    }
}
