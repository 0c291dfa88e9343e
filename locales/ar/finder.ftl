## The pathway finder and the facts it works with

finder-error-no-checklist = لا توجد لهذا المسار قائمة مستندات بعد، لذلك لا يمكن بدء طلب له.
finder-consent-scope-portal-apply-consent-v1 = بدء طلب عبر البوابة (نص الموافقة، الإصدار 1)
finder-facts-needed = ما زال مطلوبًا للتقييم
finder-facts-needed-none = لا يحتاج التقييم إلى إجابات أخرى.
finder-facts-other = أسئلة أخرى
finder-facts-section-count = { $count ->
    [zero] لا أسئلة
    [one] سؤال واحد
    [two] سؤالان
    [few] { $count } أسئلة
   *[other] { $count } سؤالًا
}
finder-children-count-help = بعد ذلك تُدخل تاريخ ميلاد كل طفل، طفلًا واحدًا في كل صفحة.

## أسماء اللغات والبلدان، تُعرض بدل رموزها.
finder-country-AFG = أفغانستان
finder-country-ARE = الإمارات العربية المتحدة
finder-country-AUS = أستراليا
finder-country-CAN = كندا
finder-country-COL = كولومبيا
finder-country-D = ألمانيا
finder-country-DEU = ألمانيا
finder-country-DZA = الجزائر
finder-country-ECU = الإكوادور
finder-country-EGY = مصر
finder-country-ERI = إريتريا
finder-country-IRN = إيران
finder-country-IRQ = العراق
finder-country-ISR = إسرائيل
finder-country-JPN = اليابان
finder-country-LBY = ليبيا
finder-country-MAR = المغرب
finder-country-PAK = باكستان
finder-country-SDN = السودان
finder-country-SOM = الصومال
finder-country-SYR = سوريا
finder-country-TUN = تونس
finder-country-TUR = تركيا
finder-country-UKR = أوكرانيا
finder-country-UZB = أوزبكستان
finder-country-VEN = فنزويلا
finder-country-YEM = اليمن
