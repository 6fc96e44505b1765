"""Vocabularies and sentence templates for the generated benchmark web.

Each topic has headline templates, opening sentences and body sentences with ``{slot}``
placeholders filled from :data:`SLOTS`. Relevant topics are about the Kenya-led
Multinational Security Support (MSS) mission in Haiti; hard negatives share its names
(Kenya, Ruto, Haiti, police, gangs, the Security Council, mandates, multinational missions)
while being about something else; generic topics are ordinary news.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Topic:
    """Templates for one kind of article."""

    key: str
    kind: str  # relevant | hard | generic
    sections: tuple[str, ...]
    titles: tuple[str, ...]
    leads: tuple[str, ...]
    body: tuple[str, ...]
    quotes: tuple[str, ...] = ()
    tags: tuple[str, ...] = ()


SLOTS: dict[str, tuple[str, ...]] = {
    "place": (
        "Cité Soleil",
        "Croix-des-Bouquets",
        "Delmas",
        "Kenscoff",
        "Carrefour",
        "Martissant",
        "Cabaret",
        "Tabarre",
        "Bel Air",
        "Pétion-Ville",
        "Solino",
        "Canaan",
        "Arcahaie",
        "Mirebalais",
    ),
    "artibonite": (
        "Pont-Sondé",
        "Liancourt",
        "Saint-Marc",
        "Petite-Rivière",
        "Gonaïves",
        "Verrettes",
    ),
    "gang": (
        "Viv Ansanm",
        "Gran Grif",
        "400 Mawozo",
        "Village de Dieu",
        "Kraze Baryè",
        "5 Segonn",
        "Chen Mechan",
    ),
    "gang_leader": (
        "Jimmy Chérizier",
        "Luckson Elan",
        "Johnson André",
        "Wilson Joseph",
        "Vitel'Homme Innocent",
    ),
    "kenya_official": (
        "President William Ruto",
        "Interior Cabinet Secretary Kipchumba Murkomen",
        "Inspector General Douglas Kanja",
        "Prime Cabinet Secretary Musalia Mudavadi",
        "police spokesperson Muchiri Nyaga",
    ),
    "commander": (
        "MSS force commander Godfrey Otunge",
        "deputy commander Jack Ombaka",
        "contingent commander Kenneth Chesang",
    ),
    "haiti_official": (
        "Prime Minister Garry Conille",
        "council president Leslie Voltaire",
        "police chief Rameau Normil",
        "Justice Minister Carlos Hercule",
        "council member Fritz Jean",
    ),
    "intl_official": (
        "US Secretary of State Antony Blinken",
        "US ambassador Linda Thomas-Greenfield",
        "UN Secretary-General António Guterres",
        "UN envoy María Isabel Salvador",
        "CARICOM chair Mia Mottley",
    ),
    "contributor": (
        "Jamaica",
        "Belize",
        "the Bahamas",
        "Guatemala",
        "El Salvador",
        "Benin",
        "Chad",
        "Bangladesh",
    ),
    "n_arrive": ("200", "217", "144", "150", "400", "388", "230"),
    "n_total": ("380", "410", "430", "415", "396", "440"),
    "n_pledged": ("2,500", "2,500", "3,000"),
    "money": ("$96 million", "$85 million", "$68 million", "$110 million"),
    "money_need": ("$600 million", "$590 million", "$700 million"),
    "pct": ("80", "85", "90"),
    "displaced": ("700,000", "580,000", "703,000", "1 million"),
    "killed": ("70", "115", "28", "40", "150", "207"),
    "weekday": ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"),
    "month": ("July", "August", "September", "October", "November", "December"),
    "vehicle": (
        "armoured personnel carriers",
        "MaxxPro vehicles",
        "night-vision goggles",
        "surveillance drones",
        "helicopters",
        "radios",
    ),
    "nairobi_place": ("Nairobi", "Mombasa", "Kisumu", "Nakuru", "Eldoret"),
    "ke_court": ("the High Court in Nairobi", "Justice Chacha Mwita", "the Court of Appeal"),
    "other_mission": (
        "South Sudan",
        "the Democratic Republic of Congo",
        "Lebanon",
        "Mali",
        "the Central African Republic",
        "Cyprus",
    ),
    "other_mission_name": ("UNMISS", "MONUSCO", "UNIFIL", "MINUSCA", "UNFICYP"),
    "somalia_town": ("Kismayo", "Baidoa", "Beledweyne", "Dhobley", "Garissa"),
    "us_city": ("Springfield", "Miami", "Boston", "New York", "Charlotte"),
    "crop": ("rice", "mangoes", "coffee", "plantains", "sugar cane"),
    "athlete": (
        "Faith Kipyegon",
        "Beatrice Chebet",
        "Emmanuel Wanyonyi",
        "Eliud Kipchoge",
        "Ruth Chepngetich",
    ),
    "race": (
        "the Chicago Marathon",
        "the Berlin Marathon",
        "the Diamond League final",
        "the Valencia half marathon",
    ),
    "company": (
        "Safaricom",
        "KCB Group",
        "Equity Bank",
        "Kenya Airways",
        "Bamburi Cement",
        "Nation Media Group",
        "Microsoft",
        "Nvidia",
        "Toyota",
        "Shell",
        "Unilever",
    ),
    "team": (
        "Arsenal",
        "Gor Mahia",
        "Real Madrid",
        "Boston Celtics",
        "Harambee Stars",
        "Jamaica's Reggae Boyz",
        "the Springboks",
    ),
    "gadget": ("smartphone", "laptop", "electric car", "smartwatch", "chatbot"),
    "city": ("London", "Lagos", "Toronto", "Sydney", "Madrid", "Seoul", "Accra", "Lima"),
    "pct_small": ("2.1", "3.4", "4.8", "5.5", "6.2", "1.7"),
    "storm": ("Tropical Storm Oscar", "Hurricane Rafael", "Hurricane Beryl", "Tropical Storm Sara"),
    "disease": ("cholera", "dengue", "malaria", "measles"),
}

RELEVANT = (
    Topic(
        "deployment",
        "relevant",
        ("world", "americas", "africa", "news"),
        titles=(
            "{n_arrive} more Kenyan police officers land in Port-au-Prince",
            "Fresh contingent of Kenyan officers arrives in Haiti to bolster mission",
            "Kenya sends another {n_arrive} police to Haiti as gangs keep up attacks",
            "Second wave of Kenyan police reaches Haiti for MSS mission",
            "Kenyan reinforcements touch down in Haiti, mission numbers reach {n_total}",
        ),
        leads=(
            "A further {n_arrive} Kenyan police officers arrived in Port-au-Prince on "
            "{weekday}, strengthening the Kenya-led Multinational Security Support mission "
            "that is trying to push back the gangs besieging Haiti's capital.",
            "Kenya deployed another {n_arrive} police officers to Haiti on {weekday}, "
            "raising the strength of the multinational mission to about {n_total} officers.",
        ),
        body=(
            "The officers were flown in on a chartered plane and taken to the mission's "
            "base near Toussaint Louverture International Airport.",
            "{commander} said the new arrivals would be deployed to {place} and {place2}, "
            "where gangs have attacked police stations in recent weeks.",
            "The mission still has far fewer officers than the {n_pledged} that contributing "
            "countries promised when the Security Council authorised it.",
            "Kenyan officials say a further group has finished training and is waiting for "
            "flights and equipment before it can leave Nairobi.",
            "Haitian police welcomed the reinforcements, saying joint patrols with the "
            "Kenyans had allowed them to reopen roads around {place}.",
            "The deployment was delayed for weeks by a lack of money in the UN trust fund "
            "that pays for the mission's operations.",
            "Officers from {contributor} and {contributor2} are expected to join the Kenyan "
            "contingent before the end of the year.",
            "The new contingent includes a tactical unit trained in urban operations and a "
            "medical team, according to Kenya's National Police Service.",
        ),
        quotes=(
            "We are here to support our Haitian brothers and sisters until the gangs are defeated",
            "Every additional officer allows us to hold ground we could not hold before",
            "The people of Haiti have waited too long for security",
        ),
        tags=("Haiti", "Kenya", "MSS mission"),
    ),
    Topic(
        "mandate",
        "relevant",
        ("world", "americas", "news"),
        titles=(
            "UN Security Council renews mandate of Kenya-led Haiti mission",
            "Security Council extends multinational police mission in Haiti for a year",
            "Haiti security mission wins another year as council debates UN takeover",
            "Council vote keeps Kenyan-led force in Haiti until October",
            "{intl_official} welcomes renewal of Haiti security mission's mandate",
            "Haiti mission mandate renewed for twelve months after {weekday} vote",
        ),
        leads=(
            "The UN Security Council voted on {weekday} to extend for twelve months the "
            "mandate of the Kenya-led Multinational Security Support mission in Haiti.",
            "The Security Council unanimously renewed the authorisation of the "
            "multinational police mission that Kenya leads in Haiti, as gang violence "
            "continued to spread beyond Port-au-Prince.",
        ),
        body=(
            "The resolution, drafted by the United States and Ecuador, asks the "
            "Secretary-General to report on options for a UN peacekeeping operation.",
            "{intl_official} told the council that the mission had made progress but "
            "needed more officers, equipment and steady funding.",
            "China and Russia had opposed turning the mission into a UN peacekeeping "
            "force, diplomats said, leaving the multinational arrangement in place.",
            "The mission's mandate, first approved in October 2023, allows Kenyan and other "
            "foreign police to support the Haitian National Police in operations against "
            "the gangs.",
            "Haiti's representative thanked Kenya for leading the force and urged member "
            "states to pay into the trust fund that finances it.",
            "Kenya's envoy said Nairobi remained committed to the mission but warned that "
            "its officers could not succeed without the resources promised.",
            "The vote came days after {kenya_official} visited the Kenyan contingent in "
            "Port-au-Prince.",
        ),
        quotes=(
            "This renewal sends a clear message that Haiti is not alone",
            "The mission must be given the means to fulfil its mandate",
        ),
        tags=("Haiti", "United Nations", "Security Council"),
    ),
    Topic(
        "funding",
        "relevant",
        ("world", "americas", "business"),
        titles=(
            "Haiti security mission faces funding gap as trust fund runs low",
            "Kenya-led Haiti force short of cash, UN trust fund holds only {money}",
            "Money trouble threatens multinational mission in Haiti",
            "Donors urged to fill {money_need} hole in Haiti mission budget",
        ),
        leads=(
            "The UN trust fund that pays for the Kenya-led security mission in Haiti has "
            "received only {money} of the {money_need} a year the operation needs, "
            "officials said.",
            "The multinational police mission in Haiti is running short of money, with "
            "pledges to its UN-managed trust fund far below what the operation costs.",
        ),
        body=(
            "The United States has provided most of the mission's equipment and logistics "
            "support, but Washington has urged other governments to contribute.",
            "Without new money, officials warned, the mission could struggle to pay "
            "allowances to Kenyan officers and to rotate the contingents.",
            "{intl_official} appealed to donors to close the gap before the end of the year.",
            "Canada, France and Spain have announced contributions to the trust fund, "
            "though diplomats said the sums were modest.",
            "Some Kenyan officers have complained of late payment of their allowances, "
            "according to people familiar with the contingent.",
            "The funding gap is one reason Washington favours converting the mission into a "
            "UN peacekeeping operation paid for by assessed contributions.",
        ),
        quotes=(
            "Good intentions do not pay for fuel, armoured vehicles and salaries",
            "The mission cannot run on promises",
        ),
        tags=("Haiti", "MSS mission", "funding"),
    ),
    Topic(
        "visit",
        "relevant",
        ("world", "africa", "politics"),
        titles=(
            "Ruto visits Kenyan police in Haiti, promises more officers",
            "Kenya's president tours MSS base in Port-au-Prince",
            "Ruto in Haiti: mission can still beat the gangs, he tells officers",
            "Ruto meets {haiti_official} during visit to Kenyan contingent in Haiti",
            "On Haiti visit, Ruto pledges 600 more officers for the mission",
        ),
        leads=(
            "President William Ruto visited the Kenyan police contingent in Haiti on "
            "{weekday}, the first trip by a Kenyan head of state to the Caribbean country "
            "since Nairobi agreed to lead the multinational mission.",
            "Kenyan President William Ruto flew into Port-au-Prince on {weekday} to meet "
            "the officers Kenya has sent to fight Haiti's gangs.",
        ),
        body=(
            "He inspected officers at the mission's base and spoke to them about the "
            "dangers they face in operations in {place}.",
            "Mr Ruto met {haiti_official} and members of the Transitional Presidential "
            "Council to discuss the mission's progress.",
            "He said Kenya would send 600 more officers in the coming weeks, bringing its "
            "contingent to about 1,000.",
            "The president said he would support turning the mission into a UN "
            "peacekeeping operation if that secured steadier funding.",
            "Critics at home questioned the cost of the trip and the wisdom of keeping "
            "Kenyan police in Haiti while crime rises in Kenya.",
            "Residents near the airport told reporters that the Kenyan patrols had made "
            "them feel safer, though gangs still control most of the capital.",
        ),
        quotes=(
            "You have shown the world that Haiti is not a hopeless cause",
            "Kenya will stay the course until the mission is accomplished",
        ),
        tags=("William Ruto", "Haiti", "Kenya"),
    ),
    Topic(
        "artibonite",
        "relevant",
        ("world", "americas"),
        titles=(
            "Kenyan police deploy to Artibonite after {artibonite} massacre",
            "MSS officers sent to {artibonite} as gang attacks spread north",
            "After {artibonite} killings, Haiti mission opens base in Artibonite",
        ),
        leads=(
            "Kenyan officers of the multinational security mission were deployed to the "
            "Artibonite region on {weekday}, days after gang members killed at least "
            "{killed} people in {artibonite}.",
            "The Kenya-led mission in Haiti has sent officers to {artibonite}, where an "
            "attack by the {gang} gang left at least {killed} people dead.",
        ),
        body=(
            "Survivors said gunmen went from house to house, setting homes on fire and "
            "shooting residents who tried to flee.",
            "{haiti_official} praised the swift response of Haitian police and the Kenyan "
            "contingent to the massacre.",
            "The mission's commanders said a temporary base would allow joint patrols along "
            "National Route 1, the main road north from the capital.",
            "Human rights groups said the killings showed that the mission was stretched "
            "too thin to protect towns outside Port-au-Prince.",
            "Thousands of residents fled {artibonite} for {artibonite2} and other towns "
            "after the attack.",
            "Kenyan and Haitian officers later exchanged fire with gang members near "
            "{artibonite2}, the mission said.",
        ),
        quotes=(
            "We will not let the gangs turn the Artibonite into another Port-au-Prince",
            "Our officers responded within hours of the first reports",
        ),
        tags=("Haiti", "Artibonite", "MSS mission"),
    ),
    Topic(
        "operations",
        "relevant",
        ("world", "americas", "news"),
        titles=(
            "Kenyan and Haitian police retake {place} from {gang} gang",
            "MSS officers clash with gangs in {place}",
            "Joint operation by Kenyan police and Haitian officers frees road to {place}",
            "Kenyan officer wounded as MSS mission battles gangs in {place}",
        ),
        leads=(
            "Kenyan officers of the Multinational Security Support mission and Haitian "
            "police launched an operation against the {gang} gang in {place} on {weekday}.",
            "Police from the Kenya-led mission exchanged fire with gang members for hours "
            "in {place}, the mission said on {weekday}.",
        ),
        body=(
            "The officers used armoured vehicles to reach a police station that gang "
            "members had occupied since {month}.",
            "One Kenyan officer was wounded in the operation and flown to a hospital in "
            "the capital, the mission said.",
            "The {gang} gang, part of the Viv Ansanm coalition led by {gang_leader}, has "
            "attacked police stations, prisons and hospitals this year.",
            "Residents said the operation allowed buses to run between {place} and "
            "{place2} for the first time in weeks.",
            "The mission said it would keep a permanent presence in the area together with "
            "the Haitian National Police.",
            "Gangs control an estimated {pct} percent of Port-au-Prince and have forced "
            "more than {displaced} Haitians from their homes.",
        ),
        quotes=(
            "The gangs are retreating wherever we go together with the Haitian police",
            "This operation shows what the mission can do with the right equipment",
        ),
        tags=("Haiti", "gangs", "Kenyan police"),
    ),
    Topic(
        "equipment",
        "relevant",
        ("world", "americas"),
        titles=(
            "Kenyan police in Haiti short of {vehicle}, officers say",
            "Haiti mission awaits {vehicle} as gangs outgun officers",
            "Broken vehicles and missing gear slow Kenya-led Haiti force",
        ),
        leads=(
            "Kenyan officers serving with the multinational mission in Haiti say they lack "
            "{vehicle} and other equipment needed to take on heavily armed gangs.",
            "The Kenya-led security mission in Haiti is waiting for deliveries of "
            "{vehicle}, its commanders said, as gangs in Port-au-Prince keep up attacks.",
        ),
        body=(
            "Several of the armoured vehicles supplied by the United States have broken "
            "down, and spare parts are slow to arrive.",
            "{commander} said the mission needed helicopters to move officers quickly "
            "between {place} and the Artibonite.",
            "Officers described patrols in which gang members fired on their vehicles from "
            "rooftops in {place}.",
            "The United States said it had delivered more equipment and would send more "
            "before the end of {month}.",
            "Without better equipment, analysts said, the mission would struggle to hold "
            "the neighbourhoods it clears.",
        ),
        quotes=(
            "Our officers are brave, but bravery does not stop bullets",
            "We need the tools to do the job we were sent to do",
        ),
        tags=("Haiti", "MSS mission", "equipment"),
    ),
    Topic(
        "rights",
        "relevant",
        ("world", "americas", "opinion"),
        titles=(
            "Haiti mission sets up complaints mechanism for abuses by officers",
            "Rights groups press Kenya-led Haiti force on civilian protection",
            "Oversight body to examine conduct of foreign police in Haiti",
            "Residents of {place} can now report MSS officers' misconduct",
        ),
        leads=(
            "The Multinational Security Support mission in Haiti has set up a mechanism "
            "for residents to report misconduct by its Kenyan and other foreign officers.",
            "Human rights organisations have asked the Kenya-led police mission in Haiti "
            "to publish how it investigates complaints against its officers.",
        ),
        body=(
            "The mechanism, required by the Security Council resolution that authorised "
            "the mission, will accept complaints by phone and in person.",
            "Rights groups recalled the abuses committed by earlier foreign forces in "
            "Haiti, including the cholera epidemic linked to UN peacekeepers in 2010.",
            "The mission said its officers were trained in human rights and the use of "
            "force before leaving Kenya.",
            "{haiti_official} said the mechanism would help build trust between residents "
            "and the foreign officers.",
            "Kenyan police have faced accusations of brutality at home, which critics say "
            "makes independent oversight of the Haiti mission essential.",
        ),
        quotes=(
            "Accountability is what separates a police mission from an occupation",
            "Every complaint will be investigated",
        ),
        tags=("Haiti", "human rights", "MSS mission"),
    ),
    Topic(
        "court",
        "relevant",
        ("africa", "politics", "news"),
        titles=(
            "Kenyan court hears new challenge to police deployment in Haiti",
            "Opposition party returns to court over Kenya's Haiti mission",
            "Judge declines to halt further Kenyan deployments to Haiti",
            "{ke_court} to rule in {month} on Haiti police deployment case",
        ),
        leads=(
            "A Kenyan opposition party asked {ke_court} on {weekday} to declare the "
            "deployment of police officers to Haiti unconstitutional.",
            "The legal battle over Kenya's police mission in Haiti resumed on {weekday}, "
            "with petitioners arguing that the deployment ignored an earlier court order.",
        ),
        body=(
            "The petitioners, led by Ekuru Aukot of the Thirdway Alliance, say the "
            "government bypassed a January ruling that barred the deployment.",
            "Government lawyers argued that Kenya signed a reciprocal agreement with Haiti "
            "that satisfied the court's conditions.",
            "The case has not stopped the deployment: about {n_total} officers are already "
            "serving with the mission in Port-au-Prince.",
            "{kenya_official} said the deployment was lawful and served Kenya's commitment "
            "to international peace.",
            "The judge set a date in {month} for a ruling on the petition.",
        ),
        quotes=(
            "The executive cannot send police abroad in defiance of the courts",
            "Kenya honoured every condition the court set",
        ),
        tags=("Kenya", "courts", "Haiti deployment"),
    ),
    Topic(
        "transition",
        "relevant",
        ("world", "americas", "politics"),
        titles=(
            "US pushes to turn Haiti security mission into UN peacekeeping operation",
            "Should the Kenya-led Haiti force become a UN mission? Council divided",
            "Washington seeks UN peacekeepers to replace multinational mission in Haiti",
            "{intl_official} backs UN peacekeeping role for Haiti mission",
        ),
        leads=(
            "The United States is lobbying Security Council members to convert the Kenya-led "
            "Multinational Security Support mission in Haiti into a UN peacekeeping operation.",
            "Diplomats at the United Nations are weighing whether the multinational police "
            "mission in Haiti should give way to a formal peacekeeping operation.",
        ),
        body=(
            "Supporters say a UN operation would have reliable funding from assessed "
            "contributions instead of voluntary pledges.",
            "Haiti's experience with earlier UN missions has left many Haitians wary of "
            "another peacekeeping force.",
            "{kenya_official} said Kenya would remain in Haiti whatever form the mission takes.",
            "{intl_official} said the current mission had shown results but could not "
            "grow without stable funding.",
            "Any transition would require a new resolution, which China and Russia have "
            "signalled they might block.",
        ),
        quotes=(
            "The mission needs a sustainable footing, and the UN can provide it",
            "Haitians must be consulted before any new force arrives",
        ),
        tags=("United Nations", "Haiti", "peacekeeping"),
    ),
    Topic(
        "contributors",
        "relevant",
        ("world", "americas", "caribbean"),
        titles=(
            "{contributor} soldiers join Kenyan police in Haiti mission",
            "Caribbean contingent arrives to reinforce Haiti security mission",
            "{contributor} pledges troops to Kenya-led force in Haiti",
        ),
        leads=(
            "Personnel from {contributor} arrived in Port-au-Prince on {weekday} to join "
            "the Kenya-led Multinational Security Support mission.",
            "{contributor} became the latest country to send personnel to the "
            "multinational security mission in Haiti, alongside Kenya's police.",
        ),
        body=(
            "The new arrivals will work under the Kenyan command and support operations "
            "against gangs in {place}.",
            "Jamaica, Belize and the Bahamas were among the first Caribbean countries to "
            "send personnel to the mission.",
            "The mission has about {n_total} personnel from several countries, most of "
            "them Kenyan police officers.",
            "{commander} welcomed the contingent and said it would help the mission expand "
            "patrols beyond the capital.",
            "Officials said {contributor2} had also pledged officers but had not set a "
            "date for their deployment.",
        ),
        quotes=(
            "Haiti's security is the security of the whole Caribbean",
            "We are proud to serve alongside our Kenyan colleagues",
        ),
        tags=("Haiti", "Caribbean", "MSS mission"),
    ),
    Topic(
        "pnh",
        "relevant",
        ("world", "americas"),
        titles=(
            "Haitian police rebuild ranks with help from Kenyan mission",
            "Training with Kenyans, Haiti's police try to stem resignations",
            "Haitian National Police and MSS open joint command centre",
            "Kenyan instructors train Haitian police recruits in {place}",
        ),
        leads=(
            "Haiti's national police, working alongside the Kenya-led security mission, "
            "is trying to rebuild a force depleted by killings and resignations.",
            "The Haitian National Police and the Multinational Security Support mission "
            "opened a joint command centre in Port-au-Prince on {weekday}.",
        ),
        body=(
            "{haiti_official} said hundreds of officers had left the force this year, "
            "many of them for the United States.",
            "Kenyan instructors are training Haitian recruits in patrol tactics and first "
            "aid at the police academy.",
            "The centre will coordinate operations by Haitian officers and the mission's "
            "foreign police in {place} and {place2}.",
            "Police unions have demanded better pay and protection after dozens of "
            "officers were killed by gangs.",
            "The mission was designed to support the Haitian police, not to replace it, "
            "its commanders have stressed.",
        ),
        quotes=(
            "Our police need partners, and the mission has given us that",
            "Haitian officers must lead, and we support them",
        ),
        tags=("Haitian National Police", "MSS mission"),
    ),
)

HARD = (
    Topic(
        "finance_bill",
        "hard",
        ("politics", "business", "news"),
        titles=(
            "Ruto defends tax plans as finance bill protests grow in Nairobi",
            "Police fire tear gas at finance bill protesters in {nairobi_place}",
            "Families of finance bill protest victims demand justice",
        ),
        leads=(
            "Kenyan police fired tear gas at protesters in {nairobi_place} on {weekday} as "
            "demonstrations against the government's finance bill entered a second week.",
            "President William Ruto defended his government's tax increases on {weekday}, "
            "saying Kenya had to cut its dependence on borrowing.",
        ),
        body=(
            "The bill would raise taxes on bread, cooking oil, mobile money transfers and "
            "fuel, measures the Treasury says are needed to reduce the deficit.",
            "Young protesters organised through social media, and rights groups said "
            "dozens had been arrested.",
            "Police officers were accused of using live bullets against demonstrators "
            "outside parliament.",
            "Opposition leaders called for the bill to be withdrawn and for an inquiry "
            "into police conduct.",
            "Business groups warned that higher taxes would hurt small traders and raise "
            "prices for consumers.",
            "The Kenya National Commission on Human Rights said at least {killed} people "
            "had died since the protests began.",
        ),
        quotes=(
            "We cannot keep borrowing to pay salaries",
            "Young Kenyans are asking for accountability, not handouts",
        ),
        tags=("Kenya", "finance bill", "protests"),
    ),
    Topic(
        "ke_police",
        "hard",
        ("news", "africa"),
        titles=(
            "Kenyan police officers charged over killing of suspect in {nairobi_place}",
            "IPOA investigates police abductions in Kenya",
            "Kenya's police service announces recruitment of 10,000 officers",
        ),
        leads=(
            "Three Kenyan police officers were charged with murder on {weekday} over the "
            "death of a man in custody in {nairobi_place}.",
            "Kenya's Independent Policing Oversight Authority said on {weekday} it was "
            "investigating a string of abductions blamed on police officers.",
        ),
        body=(
            "Inspector General Douglas Kanja said the service would cooperate fully with "
            "investigators.",
            "Relatives said the man had been arrested at a roadblock and beaten at a "
            "police station.",
            "Rights groups have documented dozens of disappearances of government critics "
            "this year.",
            "The recruitment drive aims to improve the ratio of officers to residents in "
            "rural counties, the National Police Service said.",
            "Officers will receive new training in community policing and the use of force, "
            "according to the Interior Ministry.",
            "Gangs operating in informal settlements of {nairobi_place} have been blamed "
            "for a rise in robberies.",
        ),
        quotes=(
            "No officer is above the law",
            "We want to see a police service that protects citizens",
        ),
        tags=("Kenya", "police"),
    ),
    Topic(
        "ruto_abroad",
        "hard",
        ("politics", "business", "africa"),
        titles=(
            "Ruto signs trade deals during visit to {city}",
            "Kenya's Ruto seeks investment for railway on Beijing trip",
            "Ruto courts investors at Africa climate summit",
        ),
        leads=(
            "President William Ruto signed agreements on trade and infrastructure during a "
            "visit to {city} on {weekday}.",
            "Kenyan President William Ruto asked Chinese lenders on {weekday} to finance "
            "the extension of the standard gauge railway to the Ugandan border.",
        ),
        body=(
            "The deals cover exports of tea, avocados and flowers and a new direct flight "
            "by Kenya Airways.",
            "Kenya owes China billions of dollars for the railway between Mombasa and Nairobi.",
            "Mr Ruto said Kenya wanted partnerships that created jobs for young people.",
            "Economists cautioned that new borrowing would add to Kenya's debt burden.",
            "The president also met business leaders and promised to cut red tape for investors.",
        ),
        quotes=(
            "Kenya is open for business",
            "Our partnership is built on mutual respect",
        ),
        tags=("William Ruto", "trade"),
    ),
    Topic(
        "somalia",
        "hard",
        ("africa", "world"),
        titles=(
            "Kenyan troops in Somalia repel al-Shabaab attack near {somalia_town}",
            "African Union mission in Somalia faces funding gap as mandate ends",
            "Security Council approves new African Union force for Somalia",
        ),
        leads=(
            "Kenya Defence Forces soldiers serving with the African Union mission in "
            "Somalia repelled an al-Shabaab attack near {somalia_town} on {weekday}.",
            "The UN Security Council on {weekday} authorised a new African Union mission in "
            "Somalia to replace the current force when its mandate expires.",
        ),
        body=(
            "The multinational force includes troops from Kenya, Uganda, Ethiopia, Burundi "
            "and Djibouti.",
            "The mission has struggled with funding as the European Union cut its support, "
            "diplomats said.",
            "Al-Shabaab militants have carried out attacks across the border in Kenya's "
            "Garissa and Lamu counties.",
            "Somalia's government wants its own army to take over security but analysts "
            "say it is not ready.",
            "The council's resolution asks member states to contribute to a trust fund for "
            "the mission.",
        ),
        quotes=(
            "Our soldiers will remain until Somalia can defend itself",
            "The gains of the past years must not be lost",
        ),
        tags=("Somalia", "Kenya Defence Forces"),
    ),
    Topic(
        "un_other",
        "hard",
        ("world",),
        titles=(
            "Security Council renews peacekeeping mission in {other_mission}",
            "UN extends mandate of {other_mission_name} amid funding cuts",
            "Peacekeepers in {other_mission} face growing attacks, UN says",
        ),
        leads=(
            "The UN Security Council voted on {weekday} to renew for a year the mandate of "
            "the peacekeeping mission in {other_mission}.",
            "UN peacekeepers in {other_mission} came under attack from armed groups on "
            "{weekday}, the mission said.",
        ),
        body=(
            "The resolution asks the mission to protect civilians and support the "
            "government's security forces.",
            "Several member states are behind on their assessed contributions, leaving the "
            "UN's peacekeeping budget short.",
            "The mission has about 12,000 troops and police from dozens of countries.",
            "Diplomats said China and Russia abstained over language on human rights.",
            "Humanitarian groups said fighting had displaced hundreds of thousands of "
            "people this year.",
        ),
        quotes=(
            "Peacekeeping remains one of the best tools we have",
            "The mandate must reflect the realities on the ground",
        ),
        tags=("United Nations", "peacekeeping"),
    ),
    Topic(
        "cholera",
        "hard",
        ("health", "world"),
        titles=(
            "{disease} cases rise in Haiti's displacement camps",
            "Aid groups warn of {disease} outbreak in Port-au-Prince",
            "Haiti's hospitals struggle with {disease} as supplies run short",
        ),
        leads=(
            "Health officials in Haiti reported a rise in {disease} cases in camps for "
            "displaced people in Port-au-Prince on {weekday}.",
            "Doctors Without Borders warned on {weekday} that {disease} was spreading in "
            "crowded shelters in Haiti's capital.",
        ),
        body=(
            "Clean water is scarce in the camps, where families share a handful of toilets.",
            "Aid groups called for vaccines, chlorine tablets and oral rehydration salts.",
            "Many hospitals in Port-au-Prince have closed or reduced services this year.",
            "The health ministry said it had opened treatment centres in {place} and {place2}.",
            "The epidemic that began in 2010 killed nearly 10,000 Haitians.",
        ),
        quotes=(
            "We are seeing patients arrive too late",
            "Without clean water, this outbreak will spread",
        ),
        tags=("Haiti", "health"),
    ),
    Topic(
        "haiti_nature",
        "hard",
        ("world", "americas", "environment"),
        titles=(
            "{storm} floods southern Haiti, destroying {crop} crops",
            "Haiti's farmers count losses after {storm}",
            "Drought threatens Haiti's {crop} harvest",
        ),
        leads=(
            "{storm} brought heavy rain to southern Haiti on {weekday}, flooding towns and "
            "destroying fields of {crop}.",
            "Farmers in Haiti's Artibonite valley say drought and high fuel prices have cut "
            "their {crop} harvest by half.",
        ),
        body=(
            "Rivers burst their banks near Les Cayes and Jérémie, officials said.",
            "The civil protection agency opened shelters for families whose homes were damaged.",
            "Food prices have risen sharply and the World Food Programme says nearly half "
            "of Haitians do not have enough to eat.",
            "Farmers said they could not get fertiliser to their fields because roads were unsafe.",
            "Forecasters said the storm would weaken as it moved toward Cuba and Jamaica.",
        ),
        quotes=(
            "We lost everything we planted this season",
            "The rains came too fast for the soil to absorb",
        ),
        tags=("Haiti", "weather", "agriculture"),
    ),
    Topic(
        "migrants",
        "hard",
        ("world", "americas", "us"),
        titles=(
            "Haitian migrants in {us_city} face uncertain future",
            "Dominican Republic steps up deportations of Haitians",
            "US extends protected status for Haitians",
        ),
        leads=(
            "Haitian immigrants in {us_city} said on {weekday} they feared losing their "
            "legal status as political debate over migration intensified.",
            "The Dominican Republic deported thousands of Haitians this week, rights groups "
            "said, as the government pursued a campaign to expel undocumented migrants.",
        ),
        body=(
            "Many Haitians arrived under a humanitarian parole programme and work in "
            "factories and warehouses.",
            "Community leaders said false rumours about migrants had led to threats against "
            "Haitian families.",
            "Dominican officials said they would deport up to 10,000 people a week.",
            "The International Organization for Migration said deportations to a country "
            "in crisis put lives at risk.",
            "Local schools have enrolled hundreds of Haitian children who speak Creole.",
        ),
        quotes=(
            "We came here to work and to live in peace",
            "Sending people back to Haiti now is dangerous",
        ),
        tags=("Haitian migrants",),
    ),
    Topic(
        "haiti_politics",
        "hard",
        ("world", "americas", "politics"),
        titles=(
            "Haiti's transitional council names new prime minister",
            "Corruption allegations shake Haiti's transitional council",
            "Haiti sets timetable for elections and constitutional referendum",
        ),
        leads=(
            "Haiti's Transitional Presidential Council named a new prime minister on "
            "{weekday}, replacing Garry Conille after months of disputes.",
            "Three members of Haiti's transitional council were accused of demanding a "
            "bribe from the head of a state bank, officials said on {weekday}.",
        ),
        body=(
            "The council was created in April to steer Haiti toward elections after the "
            "resignation of Ariel Henry.",
            "The anti-corruption unit's report said the members sought money in exchange "
            "for keeping the bank director in his post.",
            "Electoral officials said a constitutional referendum could be held next year.",
            "Business leaders and civil society groups called for transparency in the "
            "council's decisions.",
            "Haiti has not held an election since 2016 and has no elected officials at the "
            "national level.",
        ),
        quotes=(
            "The country needs leadership, not infighting",
            "The council must restore trust",
        ),
        tags=("Haiti", "politics"),
    ),
    Topic(
        "gangs_elsewhere",
        "hard",
        ("world", "americas"),
        titles=(
            "Ecuador declares state of emergency as gangs attack prisons",
            "El Salvador extends crackdown on gangs",
            "Police in {nairobi_place} arrest gang members after robberies",
        ),
        leads=(
            "Ecuador's president declared a state of emergency on {weekday} after gangs "
            "attacked prisons and took guards hostage.",
            "El Salvador's congress extended emergency powers on {weekday} that have "
            "allowed police to detain tens of thousands of suspected gang members.",
        ),
        body=(
            "Soldiers were deployed to the streets and a curfew imposed in several provinces.",
            "Rights groups say many of those detained have no links to the gangs.",
            "The government says murders have fallen sharply since the crackdown began.",
            "Police officers set up checkpoints on the main roads out of the city.",
            "The gangs traffic cocaine through the country's ports, officials say.",
        ),
        quotes=(
            "We will not hand the country to criminals",
            "Security cannot come at the expense of rights",
        ),
        tags=("gangs", "security"),
    ),
    Topic(
        "ke_sport",
        "hard",
        ("sport",),
        titles=(
            "Kenyan runners sweep podium at {race}",
            "{athlete} wins at {race}",
            "Kenya's athletes set sights on world championships",
        ),
        leads=(
            "Kenyan athletes took the top three places at {race} on {weekday}.",
            "{athlete} won at {race} on {weekday}, the latest success for Kenya's runners.",
        ),
        body=(
            "The winner dedicated the victory to her coach in Iten.",
            "Kenya's athletics federation said it would step up anti-doping tests.",
            "Thousands of fans lined the course despite the rain.",
            "The race was run in cool conditions that favoured fast times.",
            "President William Ruto congratulated the athletes on social media.",
        ),
        quotes=("I trained hard for this day", "The crowd carried me to the finish"),
        tags=("athletics", "Kenya"),
    ),
)

GENERIC = (
    Topic(
        "tech",
        "generic",
        ("business", "technology"),
        titles=(
            "{company} unveils new {gadget} with longer battery life",
            "Regulators in {city} probe {company} over data practices",
            "{company} shares jump after strong quarterly results",
        ),
        leads=(
            "{company} unveiled a new {gadget} on {weekday}, promising longer battery life "
            "and a faster processor.",
            "Regulators in {city} opened an investigation into {company} on {weekday} over "
            "how it collects customers' data.",
        ),
        body=(
            "Analysts said the device would compete with cheaper models from Asian manufacturers.",
            "The company said its revenue rose {pct_small} percent in the quarter.",
            "Consumer groups welcomed the probe and called for tougher privacy rules.",
            "The launch event drew hundreds of developers and journalists.",
            "Investors will watch whether demand holds up during the holiday season.",
        ),
        quotes=("This is our most advanced product yet", "Customers deserve transparency"),
        tags=("technology",),
    ),
    Topic(
        "markets",
        "generic",
        ("business",),
        titles=(
            "Shilling steadies as central bank holds rates",
            "Inflation in {city} eases to {pct_small} percent",
            "Oil prices fall on demand worries",
        ),
        leads=(
            "The central bank kept its benchmark rate unchanged on {weekday}, saying "
            "inflation was within its target range.",
            "Inflation slowed to {pct_small} percent last month, official figures showed on "
            "{weekday}.",
        ),
        body=(
            "Economists had expected the decision after a run of weaker price data.",
            "Food and transport costs rose more slowly than a year earlier.",
            "The currency has gained against the dollar since the start of the year.",
            "Exporters said a stronger currency was hurting their margins.",
            "Traders expect rate cuts early next year if inflation keeps falling.",
        ),
        quotes=("We see room for easing", "Households are still feeling the pinch"),
        tags=("economy",),
    ),
    Topic(
        "football",
        "generic",
        ("sport",),
        titles=(
            "{team} win late to stay top of the table",
            "{team} sack coach after poor run",
            "{team} sign striker on three-year deal",
        ),
        leads=(
            "{team} scored in stoppage time to win on {weekday} and stay top of the league.",
            "{team} dismissed their coach on {weekday} after five games without a win.",
        ),
        body=(
            "The winning goal came from a corner in the 93rd minute.",
            "Fans had called for changes after a defeat at home last week.",
            "The club said a new coach would be named within days.",
            "The striker scored 18 goals last season.",
            "The team travel away next weekend before the international break.",
        ),
        quotes=("We never stopped believing", "It is a great club with big ambitions"),
        tags=("football",),
    ),
    Topic(
        "culture",
        "generic",
        ("culture", "entertainment"),
        titles=(
            "Film festival in {city} opens with record audience",
            "Novelist wins literary prize for debut book",
            "Museum in {city} returns looted artefacts",
        ),
        leads=(
            "The film festival in {city} opened on {weekday} with a record number of "
            "screenings and visitors.",
            "A museum in {city} said on {weekday} it would return dozens of artefacts "
            "taken during the colonial era.",
        ),
        body=(
            "Organisers said more than 200 films from 60 countries would be shown.",
            "The prize comes with a cash award and a publishing contract.",
            "The artefacts include bronze sculptures and carved masks.",
            "Critics praised the novel's portrait of family life in a small town.",
            "Tickets for the closing gala sold out within hours.",
        ),
        quotes=("Stories connect us across borders", "These objects belong at home"),
        tags=("culture",),
    ),
    Topic(
        "science",
        "generic",
        ("science", "health"),
        titles=(
            "Scientists track rare whale migration off {city}",
            "New malaria vaccine shows promise in trials",
            "Study links air pollution to heart disease in {city}",
        ),
        leads=(
            "Researchers said on {weekday} that a new vaccine had cut malaria cases among "
            "children in trials.",
            "Marine scientists tracked a group of rare whales off the coast near {city} this week.",
        ),
        body=(
            "The results were published in a leading medical journal.",
            "The researchers used satellite tags to follow the animals.",
            "Health officials hope to roll out the vaccine next year.",
            "Pollution levels in the city exceed guidelines on most days.",
            "More research is needed to confirm the findings, the authors said.",
        ),
        quotes=("This could save thousands of lives", "We were surprised by the results"),
        tags=("science",),
    ),
    Topic(
        "weather",
        "generic",
        ("news", "environment"),
        titles=(
            "Heavy rains cause flooding in {city}",
            "Heatwave grips {city} as temperatures soar",
            "Forecasters warn of strong winds in {city}",
        ),
        leads=(
            "Heavy rain flooded streets in {city} on {weekday}, disrupting traffic and "
            "closing schools.",
            "Temperatures in {city} passed 40 degrees on {weekday}, the hottest day of the year.",
        ),
        body=(
            "Emergency services rescued residents trapped in their homes.",
            "Authorities urged people to stay indoors during the hottest hours.",
            "The weather service said conditions would ease by the weekend.",
            "Farmers said the rain came too late for the harvest.",
            "Power cuts affected thousands of households.",
        ),
        quotes=("We have never seen rain like this", "Stay safe and check on neighbours"),
        tags=("weather",),
    ),
)

# Sentences that mention the mission in passing, for hard negatives that share its names.
PASSING = (
    "Critics also questioned the cost of keeping Kenyan police officers in Haiti.",
    "The debate comes as Kenya leads a multinational police mission in Haiti.",
    "Separately, the government defended its decision to send police to Haiti.",
    "Haiti's capital remains largely controlled by gangs despite a Kenya-led police mission.",
)

OUTLET_NAMES = (
    ("Nairobi Chronicle", "Kenya"), ("Caribbean Wire", "Jamaica"),
    ("Haiti Sentinel", "Haiti"), ("Global Dispatch", "United Kingdom"),
    ("Lakeside Tribune", "Uganda"), ("Atlantic Observer", "United States"),
    ("Coastal Herald", "Kenya"), ("Island Voice", "Bahamas"),
    ("Continental Times", "South Africa"), ("Metro Daily News", "Canada"),
    ("Savanna Post", "Tanzania"), ("Harbour Gazette", "Trinidad and Tobago"),
)  # fmt: skip

FILLER = (
    "Council approves new budget for road repairs",
    "Local school wins robotics contest",
    "Bakery celebrates 50 years in business",
    "Traffic diverted for marathon on Sunday",
    "Library extends opening hours",
    "Farmers market moves to new site",
    "Water supply restored after repairs",
    "New bus routes start next month",
    "Hospital opens maternity wing",
    "Police warn of online shopping scams",
    "Festival organisers announce headline acts",
    "Port handles record cargo volume",
)
