"""Vocabulary for the synthetic product catalogue.

Department names and ids follow Instacart's ``departments.csv``; aisles are a readable subset of
Instacart's 134. Product names are ``<descriptor> <item>`` so association rules and examples read
like groceries instead of ``product_17``.
"""

from __future__ import annotations

# Instacart's 21 departments, in department_id order (1-based).
DEPARTMENTS: tuple[str, ...] = (
    "frozen",
    "other",
    "bakery",
    "produce",
    "alcohol",
    "international",
    "beverages",
    "pets",
    "dry goods pasta",
    "bulk",
    "personal care",
    "meat seafood",
    "pantry",
    "breakfast",
    "canned goods",
    "dairy eggs",
    "household",
    "babies",
    "snacks",
    "deli",
    "missing",
)

# (aisle, department, items). aisle_id is the 1-based position in this tuple.
AISLES: tuple[tuple[str, str, tuple[str, ...]], ...] = (
    ("fresh fruits", "produce", ("Bananas", "Strawberries", "Avocado", "Blueberries", "Lemons")),
    ("fresh vegetables", "produce", ("Baby Spinach", "Cucumbers", "Yellow Onions", "Carrots")),
    ("packaged vegetables fruits", "produce", ("Salad Mix", "Baby Carrots", "Grape Tomatoes")),
    ("fresh herbs", "produce", ("Cilantro", "Basil", "Flat Parsley")),
    ("yogurt", "dairy eggs", ("Greek Yogurt", "Vanilla Yogurt", "Yogurt Cups")),
    ("milk", "dairy eggs", ("Whole Milk", "Reduced Fat Milk", "Almond Milk", "Oat Milk")),
    ("eggs", "dairy eggs", ("Large Eggs", "Brown Eggs")),
    ("packaged cheese", "dairy eggs", ("Shredded Mozzarella", "Sharp Cheddar", "String Cheese")),
    ("butter", "dairy eggs", ("Salted Butter", "Unsalted Butter")),
    ("water seltzer sparkling water", "beverages", ("Sparkling Water", "Spring Water")),
    ("soft drinks", "beverages", ("Cola", "Ginger Ale", "Lemon Lime Soda")),
    ("coffee", "beverages", ("Ground Coffee", "Whole Bean Coffee", "Cold Brew")),
    ("tea", "beverages", ("Green Tea", "Black Tea", "Herbal Tea")),
    ("juice nectars", "beverages", ("Orange Juice", "Apple Juice", "Lemonade")),
    ("chips pretzels", "snacks", ("Tortilla Chips", "Potato Chips", "Pretzels")),
    ("crackers", "snacks", ("Wheat Crackers", "Cheese Crackers", "Rice Crackers")),
    ("cookies cakes", "snacks", ("Chocolate Chip Cookies", "Sandwich Cookies")),
    ("nuts seeds dried fruit", "snacks", ("Almonds", "Cashews", "Raisins")),
    ("bread", "bakery", ("Sandwich Bread", "Sourdough Bread", "Whole Wheat Bread")),
    ("breakfast bakery", "bakery", ("Bagels", "English Muffins", "Croissants")),
    ("cereal", "breakfast", ("Granola", "Oat Cereal", "Corn Flakes")),
    ("hot cereal pancake mixes", "breakfast", ("Rolled Oats", "Pancake Mix")),
    ("frozen meals", "frozen", ("Cheese Pizza", "Burritos", "Mac And Cheese Bowl")),
    ("ice cream ice", "frozen", ("Vanilla Ice Cream", "Fruit Bars")),
    ("frozen produce", "frozen", ("Frozen Blueberries", "Frozen Peas", "Frozen Mango")),
    ("lunch meat", "deli", ("Sliced Turkey", "Black Forest Ham")),
    ("fresh dips tapenades", "deli", ("Hummus", "Guacamole", "Salsa")),
    ("poultry counter", "meat seafood", ("Chicken Breasts", "Chicken Thighs")),
    ("packaged meat", "meat seafood", ("Ground Beef", "Bacon", "Pork Sausage")),
    ("seafood counter", "meat seafood", ("Salmon Fillet", "Shrimp")),
    ("canned meals beans", "canned goods", ("Black Beans", "Chickpeas", "Refried Beans")),
    ("soup broth bouillon", "canned goods", ("Chicken Broth", "Tomato Soup", "Vegetable Broth")),
    ("dry pasta", "dry goods pasta", ("Spaghetti", "Penne", "Elbow Macaroni")),
    ("pasta sauce", "dry goods pasta", ("Marinara Sauce", "Pesto", "Alfredo Sauce")),
    ("baking ingredients", "pantry", ("All Purpose Flour", "Cane Sugar", "Baking Soda")),
    ("spices seasonings", "pantry", ("Sea Salt", "Black Pepper", "Garlic Powder")),
    ("oils vinegars", "pantry", ("Olive Oil", "Balsamic Vinegar", "Canola Oil")),
    ("condiments", "pantry", ("Ketchup", "Mayonnaise", "Dijon Mustard")),
    ("paper goods", "household", ("Paper Towels", "Toilet Paper", "Napkins")),
    ("cleaning products", "household", ("Dish Soap", "All Purpose Cleaner")),
    ("laundry", "household", ("Laundry Detergent", "Dryer Sheets")),
    ("oral hygiene", "personal care", ("Toothpaste", "Mouthwash")),
    ("body lotions soap", "personal care", ("Hand Soap", "Body Wash")),
    ("diapers wipes", "babies", ("Baby Wipes", "Diapers")),
    ("baby food formula", "babies", ("Fruit Puree Pouch", "Infant Formula")),
    ("cat food care", "pets", ("Dry Cat Food", "Cat Litter")),
    ("dog food care", "pets", ("Dry Dog Food", "Dog Treats")),
    ("beers coolers", "alcohol", ("Lager", "IPA", "Hard Seltzer")),
    ("red wines", "alcohol", ("Cabernet Sauvignon", "Pinot Noir")),
    ("asian foods", "international", ("Soy Sauce", "Ramen Noodles", "Coconut Milk")),
    ("latino foods", "international", ("Corn Tortillas", "Flour Tortillas", "Enchilada Sauce")),
    ("bulk grains rice dried goods", "bulk", ("Jasmine Rice", "Quinoa", "Brown Rice")),
    ("other", "other", ("Gift Card", "Reusable Bag")),
    ("missing", "missing", ("Seasonal Item", "Unlabeled Item")),
)

DESCRIPTORS: tuple[str, ...] = (
    "Organic",
    "Classic",
    "Fresh",
    "Family Size",
    "Original",
    "Natural",
    "Simple",
    "Premium",
    "Everyday",
    "Farmhouse",
    "Light",
    "Value Pack",
)

# Planted co-purchases for the association rules: a product from the first aisle pulls in a fixed
# partner product from the second aisle part of the time (chips -> salsa, pasta -> sauce, ...).
COMPLEMENTS: tuple[tuple[str, str], ...] = (
    ("chips pretzels", "fresh dips tapenades"),
    ("dry pasta", "pasta sauce"),
    ("cereal", "milk"),
    ("bread", "butter"),
    ("crackers", "packaged cheese"),
    ("latino foods", "fresh dips tapenades"),
    ("hot cereal pancake mixes", "fresh fruits"),
    ("beers coolers", "chips pretzels"),
    ("diapers wipes", "baby food formula"),
    ("poultry counter", "fresh vegetables"),
)
