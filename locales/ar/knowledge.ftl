# Knowledge platform: good practices, search, review.
nav-knowledge = الممارسات الجيدة
nav-knowledge-help = كتابة الممارسات الجيدة ومراجعتها ونشرها
practices-title = الممارسات الجيدة في مجال الهجرة
practices-intro = ممارسات قائمة على الأدلة من الدول والشركاء، مصنّفة حسب أهداف الاتفاق العالمي من أجل الهجرة ومبادئه التوجيهية. متاحة للجميع دون حساب.
practices-search-label = كلمات البحث، بأي لغة
practices-sort-label = الترتيب
practices-sort-relevance = الأكثر صلة أولاً
practices-sort-newest = الأحدث أولاً
practices-search-button = بحث
practices-filter-button = تطبيق عوامل التصفية
practices-found = { $count ->
    [zero] لم يُعثر على أي ممارسة
    [one] عُثر على ممارسة واحدة
    [two] عُثر على ممارستين
    [few] عُثر على { $count } ممارسات
    [many] عُثر على { $count } ممارسة
   *[other] عُثر على { $count } ممارسة
}
practices-pages-label = صفحات النتائج
practices-previous = الصفحة السابقة
practices-next = الصفحة التالية
practices-page-number = الصفحة { $number }
practices-open-data = بيانات مفتوحة:
practices-feed-link = موجز Atom للممارسات الجديدة
practices-feed-title = ممارسات جيدة جديدة
practices-export-json = كل الممارسات بصيغة JSON
practices-export-csv = كل الممارسات بصيغة CSV
practices-api-link = وصف واجهة البرمجة (OpenAPI)
practices-back = كل الممارسات الجيدة
facet-objective = أهداف الاتفاق العالمي
facet-principle = المبادئ التوجيهية
facet-region = المناطق
facet-country = البلدان
facet-stage = مرحلة الهجرة
facet-type = نوع الممارسة
facet-evidence = قوة الأدلة
facet-year = السنوات
facet-language = اللغة
practice-title = العنوان
practice-summary = الملخص
practice-description = الوصف
practice-description-markdown = الوصف (Markdown: **غامق**، *مائل*، قوائم، روابط)
practice-partners = الشركاء المنفذون
practice-partners-one-per-line = الشركاء المنفذون، شريك في كل سطر
practice-results = النتائج
practice-lessons = الدروس المستفادة
practice-replicability = كيف يمكن تكرارها
practice-evidence-links = الأدلة
practice-resources = الموارد
practice-contact = جهة الاتصال
practice-countries = البلدان (رموز ISO، مثل DE وTR)
practice-year-start = سنة البدء
practice-year-end = سنة الانتهاء (فارغة إن كانت مستمرة)
practice-links-help-evidence = روابط الأدلة، رابط في كل سطر: التسمية | https://…
practice-links-help-resources = الموارد، مورد في كل سطر: التسمية | https://…
practice-status = الحالة
practice-version-count = { $count ->
    [zero] لا توجد نسخ محفوظة
    [one] نسخة واحدة محفوظة
    [two] نسختان محفوظتان
    [few] { $count } نسخ محفوظة
    [many] { $count } نسخة محفوظة
   *[other] { $count } نسخة محفوظة
}
practice-status-draft = مسودة
practice-status-submitted = مقدَّمة
practice-status-in_review = قيد المراجعة
practice-status-changes_requested = مطلوب تعديلات
practice-status-published = منشورة
practice-status-archived = مؤرشفة
knowledge-staff-title = الممارسات الجيدة: المسودات والمراجعات
knowledge-new = كتابة ممارسة جديدة
knowledge-staff-count = { $count ->
    [zero] لا توجد ممارسات
    [one] ممارسة واحدة
    [two] ممارستان
    [few] { $count } ممارسات
    [many] { $count } ممارسة
   *[other] { $count } ممارسة
}
knowledge-edit = تعديل
knowledge-submit = تقديم للمراجعة
knowledge-start-review = بدء المراجعة
knowledge-publish = نشر
knowledge-changes-comment = ما الذي يجب تعديله؟
knowledge-request-changes = طلب تعديلات
knowledge-public-page = الصفحة العامة
knowledge-archive = إلغاء النشر والأرشفة
knowledge-comments = سجل المراجعة
knowledge-comment-kind-comment = تعليق
knowledge-comment-kind-changes_requested = مطلوب تعديلات
knowledge-comment-label = إضافة تعليق
knowledge-comment-add = إضافة
knowledge-form-title = ممارسة جيدة
knowledge-form-help = تحتاج المسودة إلى عنوان ولغة فقط. لتقديمها، اذكر هدفاً واحداً على الأقل والمبادئ التوجيهية التي تتبعها وكيف يمكن تكرارها.
error-practice-objective-needed = اختر هدفاً واحداً على الأقل من أهداف الاتفاق.
error-practice-principles-needed = اذكر المبادئ التوجيهية التي تتبعها الممارسة.
error-practice-year = أدخل سنة بين 1950 و2100.
error-practice-year-order = لا يمكن أن تسبق سنة الانتهاء سنة البدء.
error-practice-link = يجب أن تبدأ الروابط بـ https:// أو http://.
practice-objective-1 = 1. البيانات
practice-objective-2 = 2. الحد من العوامل الدافعة السلبية
practice-objective-3 = 3. توفير المعلومات
practice-objective-4 = 4. الهوية القانونية والوثائق
practice-objective-5 = 5. مسارات الهجرة النظامية
practice-objective-6 = 6. التوظيف والعمل اللائق
practice-objective-7 = 7. الحد من أوجه الضعف
practice-objective-8 = 8. إنقاذ الأرواح
practice-objective-9 = 9. مكافحة تهريب المهاجرين
practice-objective-10 = 10. القضاء على الاتجار بالأشخاص
practice-objective-11 = 11. إدارة الحدود
practice-objective-12 = 12. الفرز والإحالة
practice-objective-13 = 13. بدائل الاحتجاز
practice-objective-14 = 14. الحماية القنصلية
practice-objective-15 = 15. الحصول على الخدمات الأساسية
practice-objective-16 = 16. الإدماج والتماسك الاجتماعي
practice-objective-17 = 17. القضاء على التمييز
practice-objective-18 = 18. تنمية المهارات والاعتراف بها
practice-objective-19 = 19. مساهمات المهاجرين والمغتربين
practice-objective-20 = 20. التحويلات المالية
practice-objective-21 = 21. العودة الكريمة وإعادة الإدماج
practice-objective-22 = 22. الحماية الاجتماعية
practice-objective-23 = 23. التعاون الدولي
practice-principle-people_centred = محوره الإنسان
practice-principle-international_cooperation = التعاون الدولي
practice-principle-national_sovereignty = السيادة الوطنية
practice-principle-rule_of_law = سيادة القانون والإجراءات القانونية الواجبة
practice-principle-sustainable_development = التنمية المستدامة
practice-principle-human_rights = حقوق الإنسان
practice-principle-gender_responsive = مراعاة المنظور الجنساني
practice-principle-child_sensitive = مراعاة مصالح الطفل
practice-principle-whole_of_government = نهج الحكومة بأسرها
practice-principle-whole_of_society = نهج المجتمع بأسره
practice-stage-before = قبل المغادرة
practice-stage-during = أثناء الإقامة
practice-stage-after = بعد الوصول أو العودة
practice-region-africa = أفريقيا
practice-region-americas = الأمريكتان
practice-region-asia = آسيا
practice-region-europe = أوروبا
practice-region-oceania = أوقيانوسيا
practice-type-law_or_policy = قانون أو سياسة
practice-type-programme = برنامج
practice-type-service = خدمة
practice-type-tool = أداة أو منصة
practice-type-partnership = شراكة
practice-type-research = بحث
practice-evidence-anecdotal = قصصية
practice-evidence-monitored = خاضعة للرصد
practice-evidence-evaluated = خضعت للتقييم
practice-evidence-rigorously_evaluated = خضعت لتقييم دقيق
practice-language-en = الإنجليزية
practice-language-fr = الفرنسية
practice-language-es = الإسبانية
practice-language-ar = العربية
practice-language-de = الألمانية
practice-language-pt = البرتغالية
practice-language-ru = الروسية
practice-language-tr = التركية
practice-language-it = الإيطالية
knowledge-needed-to-submit = لإرسال ممارسة للمراجعة، املأ:
knowledge-cannot-submit-yet = لا يمكن إرسال هذه الممارسة للمراجعة بعد
knowledge-publish-second-person = ينشرها شخص لم يشارك في كتابتها.
conflict-practice-already-in-review = بدأت مراجعة هذه الممارسة بالفعل.
conflict-practice-needs-second-person = شاركت في كتابة هذه الممارسة، لذا يجب أن ينشرها محرر آخر.
