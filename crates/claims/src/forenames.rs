//! Given names that say a person's gender, for `he` / `she` (`Hillary
//! Clinton` is no `he`). Only names that, in English-language news, almost
//! always belong to one gender are listed: `Jordan`, `Kim`, `Lindsey`,
//! `Robin` or `Taylor` are not. Lowercase and sorted, for binary search.

/// Given names of women.
#[rustfmt::skip]
const FEMALE: &[&str] = &[
    "abigail", "ada", "adele", "agnes", "aisha", "alexandra", "alexandria", "alice", "alicia",
    "alison", "amanda", "amber", "amelia", "amy", "ana", "anastasia", "andrea", "angela",
    "angelina", "anita", "ann", "anna", "anne", "annette", "antonia", "ashley", "audrey", "ayanna",
    "barbara", "beatrice", "beatriz", "betsy", "betty", "beverly", "brenda", "bridget", "brittany",
    "camila", "carla", "carly", "carmen", "carol", "caroline", "carolyn", "catherine", "cecilia",
    "charlotte", "cheryl", "christina", "christine", "cindy", "claire", "clara", "claudia",
    "colleen", "condoleezza", "cynthia", "daisy", "danielle", "debbie", "deborah", "debra",
    "denise", "diana", "diane", "donna", "doris", "dorothy", "edith", "eleanor", "elena", "elise",
    "elizabeth", "ella", "ellen", "elsa", "emilia", "emily", "emma", "erica", "erin", "esther",
    "eva", "eve", "fatima", "fiona", "frances", "gabriela", "gabrielle", "gemma", "geraldine",
    "gina", "gloria", "grace", "gretchen", "hannah", "harriet", "heather", "heidi", "helen",
    "helena", "hilary", "hillary", "holly", "ilhan", "ingrid", "irene", "isabel", "isabella",
    "jacqueline", "jane", "janet", "janice", "jeanne", "jennifer", "jenny", "jessica", "jill",
    "joan", "joanna", "joanne", "josephine", "joyce", "judith", "judy", "julia", "julie", "juliet",
    "karen", "kate", "katherine", "kathleen", "kathryn", "kathy", "katie", "kayleigh", "kirsten",
    "kristen", "laura", "lauren", "linda", "lisa", "liz", "loretta", "lorraine", "louise", "lucy",
    "lydia", "madeleine", "maggie", "margaret", "maria", "marianne", "marie", "marina", "marjorie",
    "marsha", "martha", "mary", "maxine", "megan", "melania", "melanie", "melinda", "melissa",
    "michelle", "mildred", "miriam", "molly", "monica", "nancy", "naomi", "natalie", "natasha",
    "nicola", "nicole", "nikki", "nina", "nora", "olivia", "pamela", "patricia", "paula", "pauline",
    "penelope", "penny", "phyllis", "priti", "rachel", "rebecca", "renee", "rita", "roberta",
    "rosa", "rose", "rosemary", "ruth", "sabrina", "sally", "samantha", "sandra", "sara", "sarah",
    "sharon", "sheila", "shirley", "silvia", "sonia", "sophia", "sophie", "stacey", "stephanie",
    "susan", "suzanne", "sylvia", "tamara", "tammy", "teresa", "theresa", "tiffany", "tina",
    "tracey", "tulsi", "ursula", "valerie", "vanessa", "veronica", "wendy", "yvette", "yvonne",
    "zoe",
];

/// Given names of men.
#[rustfmt::skip]
const MALE: &[&str] = &[
    "aaron", "abdul", "abraham", "adam", "ahmed", "alan", "albert", "alexander", "alfred", "ali",
    "alistair", "andrew", "angus", "anthony", "antonio", "arnold", "arthur", "barack", "barry",
    "ben", "benjamin", "bernard", "bernie", "bill", "bob", "boris", "brad", "brandon", "brett",
    "brian", "bruce", "bryan", "carl", "carlos", "charles", "chuck", "clarence", "colin", "craig",
    "dan", "daniel", "darren", "dave", "david", "dennis", "derek", "dick", "dmitry", "don",
    "donald", "douglas", "duncan", "dwight", "ed", "eddie", "edward", "emmanuel", "eric", "ernest",
    "eugene", "frank", "franklin", "fred", "frederick", "gareth", "gary", "geoffrey", "george",
    "gerald", "gordon", "graham", "greg", "gregory", "harold", "harry", "henry", "herbert",
    "howard", "hugh", "hugo", "ian", "isaac", "ivan", "jack", "jacob", "james", "jason", "jeb",
    "jeff", "jeffrey", "jeremy", "jerome", "jerry", "jim", "jimmy", "joe", "joel", "john", "johnny",
    "jon", "jonathan", "jorge", "jose", "joseph", "joshua", "juan", "justin", "karl", "keith",
    "ken", "kenneth", "kevin", "larry", "lawrence", "leonard", "louis", "luis", "luke", "malcolm",
    "marco", "mark", "martin", "matt", "matthew", "maurice", "max", "michael", "mike", "mitch",
    "mitt", "mohamed", "mohammed", "muhammad", "nathan", "neil", "nicholas", "nick", "nigel",
    "oliver", "oscar", "owen", "patrick", "paul", "pedro", "peter", "philip", "phillip", "ralph",
    "ray", "raymond", "reince", "richard", "rick", "rob", "robert", "roger", "ron", "ronald", "roy",
    "rudy", "rupert", "russell", "ryan", "samuel", "scott", "sean", "sergei", "simon", "stephen",
    "steve", "steven", "stuart", "ted", "theodore", "thomas", "tim", "timothy", "tom", "tommy",
    "tony", "vernon", "victor", "vince", "vincent", "vladimir", "walter", "wayne", "william",
    "willie", "xi", "yusuf",
];

/// The gender a given name says, if it is one of the listed names.
pub(crate) fn gender_of(first_name: &str) -> Option<crate::lexicon::Gender> {
    let name = first_name.to_lowercase();
    if FEMALE.binary_search(&name.as_str()).is_ok() {
        Some(crate::lexicon::Gender::Female)
    } else if MALE.binary_search(&name.as_str()).is_ok() {
        Some(crate::lexicon::Gender::Male)
    } else {
        None
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lists_are_sorted_lowercase_and_disjoint() {
        for list in [FEMALE, MALE] {
            assert!(list.windows(2).all(|w| w[0] < w[1]), "sorted, no repeats");
            assert!(list.iter().all(|n| *n == n.to_lowercase()));
        }
        assert!(FEMALE.iter().all(|n| MALE.binary_search(n).is_err()));
    }

    #[test]
    fn a_listed_name_gives_its_gender_and_others_none() {
        use crate::lexicon::Gender;
        assert_eq!(gender_of("Hillary"), Some(Gender::Female));
        assert_eq!(gender_of("Bill"), Some(Gender::Male));
        assert_eq!(gender_of("Jordan"), None);
        assert_eq!(gender_of("Lindsey"), None);
    }
}
